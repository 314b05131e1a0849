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
  AssetUrlSigner signer({"secret"});
  AssetRef ref{"11111111-1111-1111-1111-111111111111", "studio_draft",
               "html/h1/static/a b/ωμέγα.png", "lb:o:l:html:h1"};
  std::string url = *signer.Sign(ref, 1000);
  EXPECT_EQ(url.find(' '), std::string::npos);
  auto back = signer.Verify(url, 1000);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->path, ref.path);
  EXPECT_EQ(back->version_or_draft, "studio_draft");
  EXPECT_EQ(back->usage_key, ref.usage_key);
  EXPECT_EQ(signer.Verify(url, 1001).status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(AssetUrlSigner({"other"}).Verify(url, 10).status().code(),
            Status::Code::kPermissionDenied);
  std::string unsigned_url = url.substr(0, url.find('?'));
  EXPECT_EQ(signer.Verify(unsigned_url, 10).status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(
      signer.Verify("/api/blockrt/v1/assets/%zz/1/p?expires=5&signature=x", 1).status().code(),
      Status::Code::kInvalidArgument);
}

TEST(HandlerToken, EmptyKeyValidatesNothing) {
  const std::string tok = HandlerToken("", "42", "lb:o:l:html:h", 1000);
  EXPECT_FALSE(ValidateHandlerToken({""}, tok, "42", "lb:o:l:html:h", 1000));
  EXPECT_FALSE(ValidateHandlerToken({}, tok, "42", "lb:o:l:html:h", 1000));
}

TEST(AssetUrlSigner, NoKeyNoSignature) {
  AssetUrlSigner none({});
  EXPECT_FALSE(none.can_sign());
  EXPECT_EQ(none.Sign(AssetRef{"b", "1", "p/x/static/a", "lb:o:l:p:x"}, 5).status().code(),
            Status::Code::kFailedPrecondition);
  // An empty key signs nothing and verifies nothing.
  AssetUrlSigner empty({""});
  EXPECT_FALSE(empty.can_sign());
  std::string url = *AssetUrlSigner({"k"}).Sign(AssetRef{"b", "1", "p/x/static/a", "u:1"}, 5);
  EXPECT_FALSE(empty.Verify(url, 1).ok());
}

TEST(AssetUrlSigner, RotatedKeysStillVerify) {
  AssetRef ref{"b", "1", "p/x/static/a", "lb:o:l:problem:x"};
  std::string old_url = *AssetUrlSigner({"old"}).Sign(ref, 50);
  EXPECT_TRUE(AssetUrlSigner({"new", "old"}).Verify(old_url, 1).ok());
  EXPECT_FALSE(AssetUrlSigner({"new"}).Verify(old_url, 1).ok());
}

// Issue 10 #3: the signed text is unambiguous, so moving bytes between fields
// (a '/' inside a field, '%2F' vs '/') yields a different text, and a URL is
// only accepted with the exact prefix and exactly the signed parameters.
TEST(AssetUrlSigner, SignatureCoversEachFieldSeparately) {
  const AssetRef a{"b", "1/html", "intro/static/x", "u"};
  const AssetRef b{"b", "1", "html/intro/static/x", "u"};
  const AssetRef c{"b/1", "html", "intro/static/x", "u"};
  const AssetRef d{"b", "1", "html/intro/static/x", "u2"};
  EXPECT_NE(AssetUrlSigner::SignedText(a, "9"), AssetUrlSigner::SignedText(b, "9"));
  EXPECT_NE(AssetUrlSigner::SignedText(a, "9"), AssetUrlSigner::SignedText(c, "9"));
  EXPECT_NE(AssetUrlSigner::SignedText(b, "9"), AssetUrlSigner::SignedText(d, "9"));
  AssetUrlSigner signer({"k"});
  // A URL signed for `a` ("1%2Fhtml" as its version) must not open `b`.
  std::string url_a = *signer.Sign(a, 100);
  ASSERT_NE(url_a.find("1%2Fhtml"), std::string::npos) << url_a;
  std::string forged = url_a;
  forged.replace(forged.find("1%2Fhtml"), 8, "1/html");
  auto back = signer.Verify(forged, 1);
  EXPECT_FALSE(back.ok() && back->path == b.path) << forged;
}

TEST(AssetUrlSigner, RefusesAnythingAroundTheSignedUrl) {
  AssetUrlSigner signer({"k"});
  const std::string url = *signer.Sign(AssetRef{"b", "1", "p/x/static/a.png", "lb:o:l:p:x"}, 100);
  ASSERT_TRUE(signer.Verify(url, 1).ok());
  const std::string q = url.substr(url.find('?'));
  struct Case {
    std::string url;
    Status::Code code;
  };
  const Case cases[] = {
      {"/evil" + url, Status::Code::kInvalidArgument},          // prefix not at 0
      {"http://x/?u=" + url, Status::Code::kInvalidArgument},   // prefix inside
      {url + "&extra=1", Status::Code::kInvalidArgument},       // unsigned parameter
      {url + "&expires=999", Status::Code::kInvalidArgument},   // repeated
      {url + "&signature=00", Status::Code::kInvalidArgument},  // repeated
      {url.substr(0, url.find("&signature")), Status::Code::kPermissionDenied},
      {"/api/blockrt/v1/assets/b/1/p/x/static/definition.xml" + q,
       Status::Code::kPermissionDenied},  // other file
      {"/api/blockrt/v1/assets/b/2/p/x/static/a.png" + q,
       Status::Code::kPermissionDenied},                                    // other version
      {"/api/blockrt/v1/assets//1/p" + q, Status::Code::kInvalidArgument},  // empty bundle
  };
  for (const Case& c : cases) {
    EXPECT_EQ(signer.Verify(c.url, 1).status().code(), c.code) << c.url;
  }
  std::string other_usage = url;
  other_usage.replace(other_usage.find("usage=") + 6, 2, "lb");  // same text, sanity
  EXPECT_TRUE(signer.Verify(other_usage, 1).ok());
  other_usage.replace(other_usage.find("usage=") + 6, 2, "xx");
  EXPECT_EQ(signer.Verify(other_usage, 1).status().code(), Status::Code::kPermissionDenied);
}

}  // namespace
}  // namespace blockrt::runtime
