// The web UI's files: served from memory with a strict Content-Security-Policy and the right caching; the
// API's paths and anything outside the built files never reach the file system.
#include "http/web_assets.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rudi::http {
namespace {
namespace fs = std::filesystem;

class WebAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rudi-webui-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "assets");
    write("index.html", "<!doctype html><title>Rudi</title>");
    write("assets/index-3f2a.js", "console.log('rudi')");
    fs::create_directories(dir_.parent_path() / "secret");
    std::ofstream(dir_.parent_path() / "secret" / "keys.txt") << "not for the web";
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& body) { std::ofstream(dir_ / name) << body; }
  Request get(const std::string& target) {
    Request r{Verb::get, target, 11};
    return r;
  }
  fs::path dir_;
};

TEST_F(WebAssetsTest, ServesBuiltFilesWithAStrictPolicyAndCachesHashedAssetsForAYear) {
  auto assets = WebAssets::load(dir_.string());
  ASSERT_TRUE(assets) << assets.error().detail;
  auto page = assets->serve(get("/"));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body(), "<!doctype html><title>Rudi</title>");
  auto index = assets->serve(get("/index.html"));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->result(), Status::ok);
  EXPECT_EQ((*index)[beast_http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ((*index)[beast_http::field::cache_control], "no-cache");
  EXPECT_NE(std::string((*index)["Content-Security-Policy"]).find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(std::string((*index)["Content-Security-Policy"]).find("unsafe"), std::string::npos);
  EXPECT_EQ((*index)["X-Content-Type-Options"], "nosniff");

  auto script = assets->serve(get("/assets/index-3f2a.js?v=1"));
  ASSERT_TRUE(script);
  EXPECT_EQ((*script)[beast_http::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(script->body(), "console.log('rudi')");

  auto again = get("/assets/index-3f2a.js");
  again.set(beast_http::field::if_none_match, (*script)[beast_http::field::etag]);
  EXPECT_EQ(assets->serve(again)->result(), Status::not_modified);
}

TEST_F(WebAssetsTest, TheUisOwnPathsGetIndexAndNothingElseIsServed) {
  auto assets = WebAssets::load(dir_.string());
  ASSERT_TRUE(assets);
  auto deep = assets->serve(get("/people/12"));
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->body(), "<!doctype html><title>Rudi</title>");
  EXPECT_FALSE(assets->serve(get("/api/v1/nothing"))) << "the API's 404 stays the API's";
  EXPECT_FALSE(assets->serve(get("/assets/missing.js"))) << "a missing asset is a 404, not the page";
  auto traversal = assets->serve(get("/../secret/keys.txt"));
  ASSERT_TRUE(traversal);
  EXPECT_EQ(traversal->body(), "<!doctype html><title>Rudi</title>") << "no path reaches the file system";
  Request post{Verb::post, "/index.html", 11};
  EXPECT_FALSE(assets->serve(post));
}

TEST_F(WebAssetsTest, AFolderWithoutIndexIsNoUi) {
  fs::remove(dir_ / "index.html");
  EXPECT_FALSE(WebAssets::load(dir_.string()));
}

}  // namespace
}  // namespace rudi::http
