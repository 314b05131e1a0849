add_executable(keys_bench ${CMAKE_CURRENT_SOURCE_DIR}/keys_bench.cc)
target_link_libraries(keys_bench PRIVATE blockrt_keys blockrt_keys_testing benchmark::benchmark)
add_executable(derive_bench ${CMAKE_CURRENT_SOURCE_DIR}/derive_bench.cc)
target_link_libraries(derive_bench PRIVATE blockrt_keys benchmark::benchmark)
