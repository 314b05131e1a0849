#include "keys/testing/key_mix.h"

namespace blockrt::keys::testing {
namespace {

const char* const kOrgs[] = {"edX", "MITx", "HarvardX", "DelftX", "UQx", "BerkeleyX", "OpenedX"};
const char* const kCourses[] = {"DemoX", "6.002x", "CS50P", "PH207x", "TW3421x", "Water101"};
const char* const kRuns[] = {"Demo_Course", "2024_T1", "3T2025", "1T2026", "course", "2014"};
const char* const kTypes[] = {"problem",       "html",    "video",      "vertical",
                              "sequential",    "chapter", "discussion", "library_content",
                              "openassessment"};
const char* const kUnicode[] = {"\xC3\xA9t\xC3\xA9", "\xCE\xB8\xCE\xAE\xCF\x84\xCE\xB1",
                                "\xE4\xB8\xAD\xE6\x96\x87", "na\xC3\xAFve"};
// Invalid keys of the kinds that reach a validator in practice.
const char* const kInvalid[] = {
    "course-v1:edX+DemoX",                          // missing run
    "block-v1:edX+DemoX+Demo_Course+type@problem",  // missing block@
    "course-v1:edX DemoX Demo_Course",              // '+' decoded as space
    "lb:edX:lib:problem",                           // too few parts
    "lib:edX:lib:extra",                            // too many parts
    "asset-v1:edX+DemoX+Demo_Course+type@asset",    // missing block@
    "Course-v1:edX+DemoX+Demo_Course",              // wrong case namespace
    "block-v1:edX+DemoX+Demo_Course+type@problem+block@a b",
    "lb:h\xC3\xA9:lib:html:intro",  // non-ASCII org
    "",
    "course-v1:edX+DemoX+Demo_Course+",
    "i4x://edX/DemoX/problem/a/b",
};

}  // namespace

uint64_t KeyMix::Rand() {
  // splitmix64: tiny, fast and good enough for a workload generator.
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void KeyMix::AppendId(std::string* out, int min_len, int max_len, bool allow_unicode) {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
  if (allow_unicode && Rand() % 50 == 0) {
    out->append(kUnicode[Rand() % 4]);
    return;
  }
  int len = min_len + static_cast<int>(Rand() % static_cast<uint64_t>(max_len - min_len + 1));
  uint64_t r = Rand();
  for (int i = 0; i < len; ++i) {
    if (i % 10 == 9) r = Rand();
    out->push_back(kChars[r % 37]);
    r /= 37;
  }
}

void KeyMix::AppendHex(std::string* out, int n) {
  static const char kHex[] = "0123456789abcdef";
  uint64_t r = Rand();
  for (int i = 0; i < n; ++i) {
    if (i % 16 == 15) r = Rand();
    out->push_back(kHex[r & 15]);
    r >>= 4;
  }
}

void KeyMix::AppendCourse(std::string* out, char sep) {
  uint64_t r = Rand();
  out->append(kOrgs[r % 7]);
  out->push_back(sep);
  out->append(kCourses[(r >> 8) % 6]);
  out->push_back(sep);
  out->append(kRuns[(r >> 16) % 6]);
}

void KeyMix::AppendInvalid(std::string* out) { out->append(kInvalid[Rand() % 12]); }

void KeyMix::Next(std::string* out) {
  uint64_t roll = Rand() % 1000;
  auto type = [&] { return kTypes[Rand() % 9]; };
  if (roll < 420) {  // block-v1
    out->append("block-v1:");
    AppendCourse(out, '+');
    out->append("+type@").append(type()).append("+block@");
    if (Rand() % 2) {
      AppendHex(out, 32);
    } else {
      AppendId(out, 4, 16, true);
    }
  } else if (roll < 620) {  // course-v1
    out->append("course-v1:");
    AppendCourse(out, '+');
  } else if (roll < 680) {  // asset-v1
    out->append("asset-v1:");
    AppendCourse(out, '+');
    out->append("+type@asset+block@");
    AppendId(out, 4, 12, false);
    out->append(Rand() % 3 ? ".png" : "%20notes.pdf");
  } else if (roll < 740) {  // lb
    out->append("lb:").append(kOrgs[Rand() % 7]).push_back(':');
    AppendId(out, 4, 10, false);
    out->push_back(':');
    out->append(type()).push_back(':');
    AppendId(out, 4, 12, true);
  } else if (roll < 770) {  // lib
    out->append("lib:").append(kOrgs[Rand() % 7]).push_back(':');
    AppendId(out, 4, 12, true);
  } else if (roll < 800) {  // v1 libraries
    if (Rand() % 2) {
      out->append("library-v1:").append(kOrgs[Rand() % 7]).push_back('+');
      AppendId(out, 4, 10, false);
    } else {
      out->append("lib-block-v1:").append(kOrgs[Rand() % 7]).push_back('+');
      AppendId(out, 4, 10, false);
      out->append("+type@").append(type()).append("+block@");
      AppendHex(out, 20);
    }
  } else if (roll < 830) {  // lct / lib-collection
    if (Rand() % 2) {
      out->append("lct:").append(kOrgs[Rand() % 7]).push_back(':');
      AppendId(out, 4, 10, false);
      out->append(":unit:");
      AppendId(out, 4, 12, false);
    } else {
      out->append("lib-collection:").append(kOrgs[Rand() % 7]).push_back(':');
      AppendId(out, 4, 10, false);
      out->push_back(':');
      AppendId(out, 4, 12, false);
    }
  } else if (roll < 840) {  // valid, but str() normalizes them
    uint64_t d = Rand() % 3;
    if (d == 0) {
      out->append("slashes:");
      AppendCourse(out, '+');
    } else if (d == 1) {
      out->append("block-v1:");
      AppendCourse(out, '+');
      out->append("+block@");  // printed as +type@None+block@...
      AppendId(out, 4, 12, false);
    } else {
      out->append("library-v1:").append(kOrgs[Rand() % 7]).push_back('+');
      AppendId(out, 4, 10, false);
      out->append("+run");  // a third part is silently dropped
    }
  } else if (roll < 880) {  // deprecated forms
    uint64_t d = Rand() % 3;
    if (d == 0) {
      AppendCourse(out, '/');
    } else {
      out->append(d == 1 ? "i4x://" : "/c4x/");
      uint64_t r = Rand();
      out->append(kOrgs[r % 7]).push_back('/');
      out->append(kCourses[(r >> 8) % 6]).push_back('/');
      out->append(d == 1 ? type() : "asset").push_back('/');
      AppendId(out, 4, 16, false);
    }
  } else {  // ~12% invalid
    AppendInvalid(out);
  }
}

}  // namespace blockrt::keys::testing
