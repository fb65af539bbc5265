#include "store/connection_string.hpp"

#include <gtest/gtest.h>

namespace rudi::store {
namespace {

TEST(ConnectionString, AddsAParameterToAUri) {
  EXPECT_EQ(with_parameter("postgresql://u:p@127.0.0.1:5432/rudi", "connect_timeout", "5"),
            "postgresql://u:p@127.0.0.1:5432/rudi?connect_timeout=5");
  EXPECT_EQ(with_parameter("postgresql://u@h/rudi?sslmode=require", "connect_timeout", "5"),
            "postgresql://u@h/rudi?sslmode=require&connect_timeout=5");
}

TEST(ConnectionString, KeepsAParameterTheOperatorSet) {
  EXPECT_EQ(with_parameter("postgresql://u@h/rudi?connect_timeout=30", "connect_timeout", "5"),
            "postgresql://u@h/rudi?connect_timeout=30");
  EXPECT_EQ(with_parameter("host=h connect_timeout=30", "connect_timeout", "5"), "host=h connect_timeout=30");
}

TEST(ConnectionString, AddsAParameterToKeyValueForm) {
  EXPECT_EQ(with_parameter("host=h dbname=rudi", "connect_timeout", "5"),
            "host=h dbname=rudi connect_timeout=5");
}

TEST(ConnectionString, PointsAtAnotherDatabase) {
  EXPECT_EQ(with_database("postgresql://u:p@127.0.0.1:5432/rudi", "other"),
            "postgresql://u:p@127.0.0.1:5432/other");
  EXPECT_EQ(with_database("postgresql://u:p@127.0.0.1:5432/rudi?sslmode=disable", "other"),
            "postgresql://u:p@127.0.0.1:5432/other?sslmode=disable");
  EXPECT_EQ(with_database("postgresql://u@h:1", "other"), "postgresql://u@h:1/other");
  EXPECT_EQ(with_database("host=h dbname=rudi", "other"), "host=h dbname=rudi dbname=other");
}

}  // namespace
}  // namespace rudi::store
