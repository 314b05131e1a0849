// url_name rules of the XML modulestore (make_name_unique, name_to_pathname).
#ifndef BLOCKRT_OLX_INTERNAL_URL_NAME_H_
#define BLOCKRT_OLX_INTERNAL_URL_NAME_H_

#include <string>
#include <string_view>

namespace blockrt::olx::internal {

// Location.clean: characters outside [\w.%-] become '_', runs of '_' collapse.
std::string CleanUrlName(std::string_view value);
// "a:b" -> "a/b" (the pointer's file path below TYPE/).
std::string UrlNameToPath(std::string_view url_name);
// "<tag>_<first 12 hex of sha1(xml)>".
std::string FallbackUrlName(std::string_view tag, std::string_view xml);
// Types for which a repeated url_name is an error (and gets the fallback).
bool RequiresUniqueUrlName(std::string_view tag);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_URL_NAME_H_
