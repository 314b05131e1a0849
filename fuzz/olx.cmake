# libFuzzer targets for olx/ (clang, -DBLOCKRT_BUILD_FUZZ=ON). The library is
# instrumented for coverage here so the fuzzers can see inside it.
target_compile_options(blockrt_olx PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
foreach(name olx_definition_fuzzer olx_course_fuzzer)
  add_executable(${name} ${CMAKE_CURRENT_SOURCE_DIR}/${name}.cc)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${name} PRIVATE blockrt_olx)
endforeach()
