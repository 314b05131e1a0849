# Unit tests of the CLI's own pieces (the binary itself is tested per module).
blockrt_add_tests(cli_line_reader_tests
  SOURCES ${CMAKE_SOURCE_DIR}/cli/line_reader.cc ${CMAKE_SOURCE_DIR}/cli/line_reader_test.cc
  LIBS Threads::Threads)

# The CLI's shared pieces: the one number parser and the one error contract.
blockrt_add_tests(cli_unit_tests
  SOURCES ${CMAKE_SOURCE_DIR}/cli/number_arg.cc ${CMAKE_SOURCE_DIR}/cli/number_arg_test.cc
          ${CMAKE_SOURCE_DIR}/cli/errors.cc ${CMAKE_SOURCE_DIR}/cli/errors_test.cc
  LIBS blockrt_base nlohmann_json::nlohmann_json)

# Hostile inputs of the storecli group (issue 10); ctest names hostile_storecli.*
# so `ctest -R hostile` runs every group's suite.
if(BLOCKRT_BUILD_TESTS)
  add_executable(hostile_storecli_tests ${CMAKE_CURRENT_LIST_DIR}/hostile_storecli_test.cc)
  target_link_libraries(hostile_storecli_tests PRIVATE blockrt_store SQLite::SQLite3
    nlohmann_json::nlohmann_json GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(hostile_storecli_tests PRIVATE
    BLOCKRT_SOURCE_DIR="${CMAKE_SOURCE_DIR}" BLOCKRT_BINARY_DIR="${CMAKE_BINARY_DIR}")
  add_dependencies(hostile_storecli_tests blockrt)
  gtest_discover_tests(hostile_storecli_tests TEST_PREFIX hostile_storecli.
    DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endif()

# `blockrt library-content` driven through the real binary (issue 12).
if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(library_content_cli_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/library_content_cli_test.cc
    LIBS nlohmann_json::nlohmann_json)
  add_dependencies(library_content_cli_tests blockrt)
endif()
