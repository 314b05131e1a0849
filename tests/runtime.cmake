# Cross-module runtime tests: a shared-object learning-context plugin built here
# and loaded by path, plus the CLI driven end to end.
if(BLOCKRT_BUILD_TESTS)
  add_library(runtime_test_plugin MODULE runtime_test_plugin.c)
  add_library(runtime_test_plugin_bad_abi MODULE runtime_test_plugin.c)
  target_compile_definitions(runtime_test_plugin_bad_abi PRIVATE TEST_PLUGIN_ABI=99u)
  foreach(p runtime_test_plugin runtime_test_plugin_bad_abi)
    target_include_directories(${p} PRIVATE ${CMAKE_SOURCE_DIR})
    set_target_properties(${p} PROPERTIES PREFIX "" C_STANDARD 99)
  endforeach()

  blockrt_add_tests(runtime_plugin_tests
    SOURCES runtime_plugin_test.cc
    LIBS blockrt_runtime)
  add_dependencies(runtime_plugin_tests runtime_test_plugin runtime_test_plugin_bad_abi)
  target_compile_definitions(runtime_plugin_tests PRIVATE
    BLOCKRT_TEST_PLUGIN="$<TARGET_FILE:runtime_test_plugin>"
    BLOCKRT_TEST_PLUGIN_BAD_ABI="$<TARGET_FILE:runtime_test_plugin_bad_abi>")
endif()

if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(runtime_cli_tests
    SOURCES runtime_cli_test.cc
    LIBS nlohmann_json::nlohmann_json)
  add_dependencies(runtime_cli_tests blockrt)
endif()

# Every corpus course export as a stored course (skipped without the corpora).
if(BLOCKRT_BUILD_TESTS)
  blockrt_add_tests(course_corpora_tests
    SOURCES course_corpora_test.cc
    LIBS blockrt_runtime)
  target_compile_definitions(course_corpora_tests PRIVATE
    BLOCKRT_CORPORA_DIR="${CMAKE_SOURCE_DIR}/../shared/corpora")
endif()
