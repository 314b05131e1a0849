# Hostile inputs against the runtime (issue 10 defects 2, 3, 4, 7, 16, 18):
# ctest names start with hostile_ so `ctest -R hostile` runs every suite.
if(BLOCKRT_BUILD_TESTS)
  add_executable(hostile_runtime_tests ${CMAKE_CURRENT_SOURCE_DIR}/hostile_runtime_test.cc)
  target_link_libraries(hostile_runtime_tests PRIVATE blockrt_runtime GTest::gtest GTest::gtest_main)
  target_compile_definitions(hostile_runtime_tests PRIVATE
    BLOCKRT_SOURCE_DIR="${CMAKE_SOURCE_DIR}" BLOCKRT_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(hostile_runtime_tests TEST_PREFIX hostile_runtime.
                       DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
  add_dependencies(hostile_runtime_tests blockrt)
endif()
