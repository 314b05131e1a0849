add_executable(store_path_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/store_path_fuzz.cc)
target_compile_options(store_path_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_options(store_path_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_libraries(store_path_fuzz PRIVATE blockrt_store)
