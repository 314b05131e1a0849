# Course import against its floor: store ImportDirectory of the same files
# plus a course load from disk. The course comes from BLOCKRT_OLX_COURSE
# (default fixtures/olx/course_basic).
add_executable(course_import_bench ${CMAKE_CURRENT_SOURCE_DIR}/course_import_bench.cc)
target_link_libraries(course_import_bench PRIVATE blockrt_contexts benchmark::benchmark)
target_compile_definitions(course_import_bench PRIVATE BLOCKRT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
