# Hostile inputs against library authoring (issue 10): ctest names start with
# hostile_ so `ctest -R hostile` runs every group's suite.
if(BLOCKRT_BUILD_TESTS)
  add_executable(hostile_authoring_tests ${CMAKE_CURRENT_SOURCE_DIR}/hostile_authoring_test.cc)
  target_link_libraries(hostile_authoring_tests PRIVATE nlohmann_json::nlohmann_json
                        GTest::gtest GTest::gtest_main)
  target_compile_definitions(hostile_authoring_tests PRIVATE
    BLOCKRT_SOURCE_DIR="${CMAKE_SOURCE_DIR}" BLOCKRT_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(hostile_authoring_tests TEST_PREFIX hostile_authoring.
                       DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
  add_dependencies(hostile_authoring_tests blockrt)
endif()
