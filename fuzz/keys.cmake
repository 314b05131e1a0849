add_executable(keys_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/keys_fuzz.cc)
target_compile_options(keys_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_options(keys_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_libraries(keys_fuzz PRIVATE blockrt_keys)
