#include "auth/secret_box.hpp"

#include <gtest/gtest.h>

namespace rudi::auth {
namespace {

TEST(Keyring, SealsAndOpensBoundToTheRecord) {
  auto ring = Keyring::parse("k1:" + new_key_base64(), new_key_base64());
  ASSERT_TRUE(ring) << ring.error().detail;
  const Sealed sealed = ring->seal("P1234567", "people.document:42");
  EXPECT_EQ(sealed.key_id, "k1");
  EXPECT_EQ(std::string(sealed.ciphertext.begin(), sealed.ciphertext.end()).find("P1234567"),
            std::string::npos);
  auto opened = ring->open(sealed, "people.document:42");
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "P1234567");
  // Moved to another record, it no longer opens.
  EXPECT_FALSE(ring->open(sealed, "people.document:43"));
  Sealed tampered = sealed;
  tampered.ciphertext[0] ^= 1;
  EXPECT_FALSE(ring->open(tampered, "people.document:42"));
}

TEST(Keyring, RotationKeepsOldValuesReadable) {
  const std::string old_key = new_key_base64();
  const std::string index = new_key_base64();
  auto before = Keyring::parse("k1:" + old_key, index);
  ASSERT_TRUE(before);
  const Sealed sealed = before->seal("statement", "x");
  auto after = Keyring::parse("k2:" + new_key_base64() + ",k1:" + old_key, index);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->current_key_id(), "k2");
  EXPECT_EQ(after->seal("new", "x").key_id, "k2");
  EXPECT_EQ(*after->open(sealed, "x"), "statement");
  EXPECT_EQ(after->blind_index("P1234567"), before->blind_index("P1234567"));
}

TEST(Keyring, BlindIndexesMatchExactlyAndDependOnTheKey) {
  auto ring = Keyring::parse("k1:" + new_key_base64(), new_key_base64());
  auto other = Keyring::parse("k1:" + new_key_base64(), new_key_base64());
  ASSERT_TRUE(ring && other);
  EXPECT_EQ(ring->blind_index("P1234567"), ring->blind_index("P1234567"));
  EXPECT_NE(ring->blind_index("P1234567"), ring->blind_index("P1234568"));
  EXPECT_NE(ring->blind_index("P1234567"), other->blind_index("P1234567"));
}

TEST(Keyring, RefusesMalformedKeys) {
  EXPECT_FALSE(Keyring::parse("", new_key_base64()));
  EXPECT_FALSE(Keyring::parse("k1:short", new_key_base64()));
  EXPECT_FALSE(Keyring::parse("nokeyid", new_key_base64()));
  EXPECT_FALSE(Keyring::parse("k1:" + new_key_base64(), "short"));
}

}  // namespace
}  // namespace rudi::auth
