# Store guarantees that need several processes: concurrent writers and
# SIGKILL during commits.
blockrt_add_tests(store_process_tests
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_process_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/store_large_file_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/store_corpora_test.cc
  LIBS blockrt_store)

if(BLOCKRT_BUILD_TESTS)
  add_test(NAME store_cli
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/store_cli_test.sh $<TARGET_FILE:blockrt> ${CMAKE_SOURCE_DIR})
endif()
