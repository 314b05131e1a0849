# Unit tests of the CLI's own pieces (the binary itself is tested per module).
blockrt_add_tests(cli_line_reader_tests
  SOURCES ${CMAKE_SOURCE_DIR}/cli/line_reader.cc ${CMAKE_SOURCE_DIR}/cli/line_reader_test.cc
  LIBS Threads::Threads)
