add_executable(store_bench ${CMAKE_CURRENT_SOURCE_DIR}/store_bench.cc)
target_link_libraries(store_bench PRIVATE blockrt_store benchmark::benchmark)
