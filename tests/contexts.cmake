# The store forms of `blockrt course` driven through the real binary.
if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(course_cli_tests
    SOURCES course_cli_test.cc
    LIBS nlohmann_json::nlohmann_json)
  add_dependencies(course_cli_tests blockrt)
endif()

# The library-v1 context driven through the real binary (blockrt lib with
# library-v1 keys, load and render of lib-block-v1 keys).
if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(lib_v1_cli_tests
    SOURCES lib_v1_cli_test.cc
    LIBS nlohmann_json::nlohmann_json)
  add_dependencies(lib_v1_cli_tests blockrt)
endif()

# Every corpus v1 library export as a stored v1 library (skipped without the corpora).
if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(v1_library_corpora_tests
    SOURCES v1_library_corpora_test.cc
    LIBS blockrt_runtime)
  target_compile_definitions(v1_library_corpora_tests PRIVATE
    BLOCKRT_CORPORA_DIR="${CMAKE_SOURCE_DIR}/../shared/corpora")
endif()
