# The olx CLI driven end to end (blockrt olx/course ...), and the real corpora
# when ../shared/corpora is present (skipped otherwise).
if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(olx_cli_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/olx_cli_test.cc ${CMAKE_CURRENT_LIST_DIR}/olx_corpora_test.cc
    LIBS blockrt_olx nlohmann_json::nlohmann_json)
  add_dependencies(olx_cli_tests blockrt)
  target_compile_definitions(olx_cli_tests PRIVATE
    BLOCKRT_BINARY="$<TARGET_FILE:blockrt>"
    BLOCKRT_CORPORA_DIR="${CMAKE_SOURCE_DIR}/../shared/corpora")
endif()
# Hostile inputs for olx (issue 10): ctest names hostile_olx.*, so the whole
# hostile suite runs with `ctest -R hostile`.
if(BLOCKRT_BUILD_TESTS)
  add_executable(hostile_olx_tests ${CMAKE_CURRENT_LIST_DIR}/hostile_olx_test.cc)
  target_link_libraries(hostile_olx_tests PRIVATE blockrt_olx GTest::gtest GTest::gtest_main)
  target_compile_definitions(hostile_olx_tests PRIVATE
    BLOCKRT_CORPORA_DIR="${CMAKE_SOURCE_DIR}/../shared/corpora")
  gtest_discover_tests(hostile_olx_tests TEST_PREFIX "hostile_olx." DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT 60)
endif()
# Every fuzz target's committed corpus, replayed with a plain main (fuzz_replay_*).
include(${CMAKE_SOURCE_DIR}/fuzz/replay.cmake)
