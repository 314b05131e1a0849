// The handler token scheme against the reference's formula and URL pattern.
#include "runtime/handler_token.h"

#include <gtest/gtest.h>

#include "runtime/asset_url.h"
#include "runtime/internal/hmac.h"

namespace blockrt::runtime {
namespace {

TEST(HandlerToken, MatchesReferenceFormula) {
  // RFC 4231 test case 2 pins the HMAC primitive itself.
  EXPECT_EQ(internal::HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // time_token = floor(now / 172800); check string "{t}:{user}:{usage}".
  const int64_t now = 172800 * 9837 + 5;
  std::string expected = internal::HmacSha256Hex("k", "9837:42:lb:o:l:html:h1").substr(0, 20);
  EXPECT_EQ(HandlerToken("k", "42", "lb:o:l:html:h1", now), expected);
  EXPECT_EQ(HandlerToken("k", "42", "lb:o:l:html:h1", now, -1),
            internal::HmacSha256Hex("k", "9836:42:lb:o:l:html:h1").substr(0, 20));
}

TEST(HandlerToken, ValidatesAnyKeyCurrentOrPreviousPeriod) {
  const int64_t now = 1'700'000'000;
  std::string token = HandlerToken("old", "7", "lb:o:l:problem:p", now);
  struct Case {
    std::vector<std::string> keys;
    int64_t at;
    std::string user;
    bool ok;
  } cases[] = {
      {{"new", "old"}, now, "7", true},
      {{"old"}, now + kHandlerTokenPeriodSeconds, "7", true},
      {{"old"}, now + 2 * kHandlerTokenPeriodSeconds, "7", false},
      {{"new"}, now, "7", false},
      {{"old"}, now, "8", false},
      {{}, now, "7", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ValidateHandlerToken(c.keys, token, c.user, "lb:o:l:problem:p", c.at), c.ok);
  }
}

TEST(HandlerUrl, ParsesTheRoutePattern) {
  struct Case {
    const char* url;
    bool ok;
    const char* user;
    const char* handler;
    const char* suffix;
  } cases[] = {
      {"http://x/api/xblock/v2/xblocks/lb:o:l:html:h/handler/42-abc123/my-handler/", true, "42",
       "my-handler", ""},
      {"/api/xblock/v2/xblocks/lb:o:l:html:h/handler/anon9f-t0k/h/a/b?x=1", true, "anon9f", "h",
       "a/b"},
      {"/api/xblock/v2/xblocks/lb:o:l:html:h/handler/4-2-tok/h/", false, "", "", ""},
      {"/api/xblock/v2/xblocks/lb:o:l:html:h/handler/42tok/h/", false, "", "", ""},
      {"/api/xblock/v2/xblocks/lb:o:l:html:h/handler/42-tok/h", false, "", "", ""},
      {"/api/xblock/v2/xblocks/lb:o:l:html:h/handler/42-tok/h!/", false, "", "", ""},
      {"/somewhere/else", false, "", "", ""},
  };
  for (const Case& c : cases) {
    auto parts = ParseHandlerUrl(c.url);
    ASSERT_EQ(parts.ok(), c.ok) << c.url;
    if (!c.ok) continue;
    EXPECT_EQ(parts->user_id, c.user);
    EXPECT_EQ(parts->handler, c.handler);
    EXPECT_EQ(parts->suffix, c.suffix);
  }
  EXPECT_EQ(BuildHandlerUrl("http://s", "lb:o:l:t:i", "5", "tok", "h", "sfx", "q=1"),
            "http://s/api/xblock/v2/xblocks/lb:o:l:t:i/handler/5-tok/h/sfx?q=1");
}

TEST(AssetUrlSigner, RoundTripsAndRefuses) {
  AssetUrlSigner signer("secret");
  AssetRef ref{"11111111-1111-1111-1111-111111111111", "studio_draft",
               "html/h1/static/a b/ωμέγα.png"};
  std::string url = signer.Sign(ref, 1000);
  EXPECT_EQ(url.find(' '), std::string::npos);
  auto back = signer.Verify(url, 1000);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->path, ref.path);
  EXPECT_EQ(back->version_or_draft, "studio_draft");
  EXPECT_EQ(signer.Verify(url, 1001).status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(AssetUrlSigner("other").Verify(url, 10).status().code(),
            Status::Code::kPermissionDenied);
  std::string unsigned_url = url.substr(0, url.find('?'));
  EXPECT_EQ(signer.Verify(unsigned_url, 10).status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(
      signer.Verify("/api/blockrt/v1/assets/%zz/1/p?expires=5&signature=x", 1).status().code(),
      Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace blockrt::runtime
