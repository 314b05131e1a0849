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
