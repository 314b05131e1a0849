# The store forms of `blockrt course` driven through the real binary.
if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(course_cli_tests
    SOURCES course_cli_test.cc
    LIBS nlohmann_json::nlohmann_json)
  add_dependencies(course_cli_tests blockrt)
endif()
