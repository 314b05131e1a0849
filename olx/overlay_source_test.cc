#include "olx/overlay_source.h"

#include <gtest/gtest.h>

namespace blockrt::olx {
namespace {

using Names = std::vector<std::string>;

TEST(OverlayFileSource, ReplacesAddsAndHidesFilesOfItsBase) {
  MemoryFileSource base("base:");
  ASSERT_TRUE(base.Put("a.xml", "A").ok());
  ASSERT_TRUE(base.Put("p/R/x.json", "X").ok());
  ASSERT_TRUE(base.Put("p/R/y.json", "Y").ok());
  ASSERT_TRUE(base.Put("p/keep.json", "K").ok());
  OverlayFileSource o(&base);
  ASSERT_TRUE(o.Put("a.xml", "A2").ok());
  ASSERT_TRUE(o.Put("p/R2/x.json", "X").ok());
  o.Remove("p/R/x.json");
  o.Remove("p/R/y.json");
  o.Remove("missing");
  EXPECT_FALSE(o.Put("../out", "").ok());

  std::string bytes;
  ASSERT_TRUE(o.Read("a.xml", 100, &bytes).ok());
  EXPECT_EQ(bytes, "A2");
  EXPECT_EQ(o.Read("a.xml", 1, &bytes).code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(o.Read("p/R/x.json", 100, &bytes).IsNotFound());
  ASSERT_TRUE(o.Read("p/keep.json", 100, &bytes).ok());
  EXPECT_EQ(bytes, "K");

  EXPECT_TRUE(o.IsFile("p/R2/x.json"));
  EXPECT_FALSE(o.IsFile("p/R/x.json"));
  // A directory whose files all went is gone, as in a store snapshot.
  EXPECT_FALSE(o.IsDirectory("p/R"));
  EXPECT_TRUE(o.IsDirectory("p/R2"));
  EXPECT_TRUE(o.IsDirectory(""));
  EXPECT_EQ(o.ListDirectories("p"), (Names{"R2"}));
  EXPECT_EQ(o.ListFiles("p"), (Names{"keep.json"}));
  EXPECT_EQ(o.ListFiles("p/R2"), (Names{"x.json"}));
  EXPECT_EQ(o.ListFiles(""), (Names{"a.xml"}));
  EXPECT_EQ(o.Describe("a.xml"), base.Describe("a.xml"));

  // Putting a removed file back shows it again.
  ASSERT_TRUE(o.Put("p/R/y.json", "Y2").ok());
  EXPECT_TRUE(o.IsDirectory("p/R"));
  EXPECT_EQ(o.ListDirectories("p"), (Names{"R", "R2"}));
}

}  // namespace
}  // namespace blockrt::olx
