# The committed fuzz corpora replayed by ctest in the ordinary build: each
# fuzz target's entry function linked with replay_main.cc (no libFuzzer, no
# sanitizers unless BLOCKRT_SANITIZE), one test per target named fuzz_replay_*.
if(BLOCKRT_BUILD_TESTS AND NOT BLOCKRT_BUILD_FUZZ)
  set(_fuzz ${CMAKE_SOURCE_DIR}/fuzz)
  foreach(pair "olx_course_fuzzer:olx_course:blockrt_olx"
               "olx_definition_fuzzer:olx_definition:blockrt_olx"
               "keys_fuzz:keys:blockrt_keys" "store_path_fuzz:store_path:blockrt_store")
    string(REPLACE ":" ";" parts ${pair})
    list(GET parts 0 target)
    list(GET parts 1 corpus)
    list(GET parts 2 lib)
    add_executable(${target}_replay ${_fuzz}/${target}.cc ${_fuzz}/replay_main.cc)
    target_link_libraries(${target}_replay PRIVATE ${lib})
    add_test(NAME fuzz_replay_${corpus} COMMAND ${target}_replay ${_fuzz}/corpus/${corpus})
    set_tests_properties(fuzz_replay_${corpus} PROPERTIES TIMEOUT 120)
  endforeach()
endif()
