add_executable(runtime_bench ${CMAKE_CURRENT_SOURCE_DIR}/runtime_bench.cc)
target_link_libraries(runtime_bench PRIVATE blockrt_runtime benchmark::benchmark)
target_compile_definitions(runtime_bench PRIVATE BLOCKRT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")

add_executable(course_bench ${CMAKE_CURRENT_SOURCE_DIR}/course_bench.cc)
target_link_libraries(course_bench PRIVATE blockrt_runtime benchmark::benchmark)
target_compile_definitions(course_bench PRIVATE BLOCKRT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
