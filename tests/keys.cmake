# `blockrt keys` through the real binary.
blockrt_add_tests(keys_cli_tests SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/keys_cli_test.cc LIBS nlohmann_json::nlohmann_json)
if(BLOCKRT_BUILD_TESTS)
  add_dependencies(keys_cli_tests blockrt)
endif()
blockrt_add_tests(keys_derive_cli_tests SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/keys_derive_cli_test.cc LIBS nlohmann_json::nlohmann_json)
if(BLOCKRT_BUILD_TESTS)
  add_dependencies(keys_derive_cli_tests blockrt)
endif()
