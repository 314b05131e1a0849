# OLX benchmarks: definition parsing throughput and whole-course loads against
# the read + pugixml floor. Corpora come from BLOCKRT_OLX_CORPUS /
# BLOCKRT_OLX_COURSE (defaults: fixtures/olx).
add_executable(olx_bench ${CMAKE_CURRENT_SOURCE_DIR}/olx_bench.cc)
target_link_libraries(olx_bench PRIVATE blockrt_olx benchmark::benchmark pugixml::pugixml)
target_compile_definitions(olx_bench PRIVATE BLOCKRT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
