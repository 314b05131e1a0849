// url_name rules of the XML modulestore (make_name_unique, name_to_pathname).
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_URL_NAME_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_URL_NAME_H_

#include <string>
#include <string_view>

namespace blockrt::olx::internal {

// Location.clean: characters outside [\w.%-] become '_', runs of '_' collapse.
std::string CleanUrlName(std::string_view value);
// "a:b" -> "a/b" (the pointer's file path below TYPE/).
std::string UrlNameToPath(std::string_view url_name);
// UrlNameToPath(url_name) appended to *out (no temporary string).
void AppendUrlNamePath(std::string* out, std::string_view url_name);
// make_name_unique's fallback_name: "<tag>[_<orig>]_<first 12 hex of
// sha1(xml)>", where an `orig` that already looks like a fallback (starts with
// the tag, ends in 12 hex digits) is first cut to orig[len(tag)+1:-12], as the
// reference's slice does. `xml` is the element as lxml printed it (lxml_text.h).
std::string FallbackUrlName(std::string_view tag, std::string_view xml,
                            std::string_view orig_name = {});
// True when `id` is non-empty ASCII [A-Za-z0-9_-~.:]: a block id or type that
// every key grammar accepts as is, so a usage key can be joined without parsing.
bool IsPlainKeyId(std::string_view id);
// Types for which a repeated url_name is an error (and gets the fallback).
bool RequiresUniqueUrlName(std::string_view tag);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_URL_NAME_H_
