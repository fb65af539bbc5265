// Identity over the real API, against a real `rudi serve` and PostgreSQL: sign-in, wrong passwords and
// lock-out, the second factor, sessions ending, CSRF, API tokens, refusals by role, and the audit log.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "auth/password.hpp"
#include "auth/totp.hpp"
#include "store/database.hpp"
#include "store/mission_repository.hpp"
#include "store/principal_scope.hpp"
#include "store/user_repository.hpp"
#include "support/api_client.hpp"
#include "support/child_process.hpp"
#include "support/scratch_database.hpp"
#include "support/server_test.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::ApiClient;

using test::kTestPassword;
const std::string& kPassword = kTestPassword;

class IdentityTest : public test::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(start_server());
    db_ = &server_->db();
    mission_ = server_->bangkok;
    admin_ = server_->admin;
    embassy_ = server_->embassy;
    ministry_ = server_->ministry;
    auditor_ = server_->auditor;
  }

  ApiClient client() { return server_->client(); }
  auth::Bytes enrol(ApiClient& c, const std::string& username) {
    return server_->enrol(c, username, &recovery_codes_);
  }

  test::ScratchDatabase* db_ = nullptr;
  std::int64_t mission_ = 0, admin_ = 0, embassy_ = 0, ministry_ = 0, auditor_ = 0;
  std::vector<std::string> recovery_codes_;
};

TEST_F(IdentityTest, SignInSetsAStrictHostOnlyCookieAndMeTellsRoleAndScope) {
  auto c = client();
  auto reply = c.sign_in("admin.one", kPassword);
  ASSERT_EQ(reply.status, 201u) << reply.body;
  const std::string cookie = reply.header("set-cookie");
  EXPECT_TRUE(cookie.starts_with("__Host-rudi_session="));
  for (const char* attribute : {"Path=/", "Secure", "HttpOnly", "SameSite=Strict"}) {
    EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute;
  }
  EXPECT_EQ(reply.header("cache-control"), "no-store");
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json()["role"], "administrator");
  EXPECT_EQ(me.json()["username"], "admin.one");
  EXPECT_FALSE(me.json()["scope"].get<std::string>().empty());
  EXPECT_EQ(client().get("/api/v1/me").status, 401u);
}

TEST_F(IdentityTest, AnUnknownUserGetsTheSameAnswerAsAWrongPassword) {
  auto wrong = client().sign_in("admin.one", "Not-the-password-1");
  auto unknown = client().sign_in("nobody.here", "Not-the-password-1");
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_EQ(unknown.status, 401u);
  EXPECT_EQ(wrong.json()["detail"], unknown.json()["detail"]);
  EXPECT_EQ(wrong.json()["type"], unknown.json()["type"]);
}

TEST_F(IdentityTest, RepeatedFailuresLockTheAccountUntilTheLockExpires) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client().sign_in("admin.one", "Not-the-password-1").status, 401u);
  auto locked = client().sign_in("admin.one", kPassword);
  EXPECT_EQ(locked.status, 429u) << "the right password must not open a locked account";
  EXPECT_EQ(locked.json()["type"], "urn:rudi:problem:rate-limited");
  // Let the lock run out (the database's clock, not a sleep).
  db_->owner_query(
      "UPDATE login_throttle SET locked_until = now() - interval '1 second', "
      "window_start = now() - interval '1 hour'");
  EXPECT_EQ(client().sign_in("admin.one", kPassword).status, 201u);
}

TEST_F(IdentityTest, VictimDataRolesMustEnrolAndPresentASecondFactor) {
  ApiClient first = client();
  ASSERT_EQ(first.sign_in("embassy.one", kPassword).status, 201u);
  auto me = first.get("/api/v1/me");
  EXPECT_EQ(me.json()["second_factor"]["required"], true);
  EXPECT_EQ(me.json()["second_factor"]["done"], false);
  EXPECT_EQ(first.get("/api/v1/missions").status, 403u) << "nothing before the second factor";

  ApiClient enrolled = client();
  const auth::Bytes secret = enrol(enrolled, "embassy.one");
  EXPECT_EQ(enrolled.get("/api/v1/me").json()["second_factor"]["done"], true);
  EXPECT_EQ(enrolled.get("/api/v1/missions").status, 200u);
  EXPECT_EQ(recovery_codes_.size(), 10u);

  // A new sign-in needs a code; the code that confirmed enrolment is spent, the next one works once.
  ApiClient next = client();
  ASSERT_EQ(next.sign_in("embassy.one", kPassword).status, 201u);
  EXPECT_EQ(next.get("/api/v1/missions").status, 403u);
  // The step enrolment spent, read back rather than taken from the clock: a 30 s boundary may have
  // passed since.
  const std::int64_t step =
      std::stoll(db_->owner_query("SELECT totp_last_step FROM users WHERE username = 'embassy.one'"));
  EXPECT_EQ(next.post("/api/v1/session/second-factor", {{"code", auth::totp_code(secret, step)}}).status,
            401u)
      << "a code already used must be refused";
  const std::string fresh = auth::totp_code(secret, step + 1);
  EXPECT_EQ(next.post("/api/v1/session/second-factor", {{"code", fresh}}).status, 204u);
  EXPECT_EQ(next.get("/api/v1/missions").status, 200u);

  ApiClient replay = client();
  ASSERT_EQ(replay.sign_in("embassy.one", kPassword).status, 201u);
  EXPECT_EQ(replay.post("/api/v1/session/second-factor", {{"code", fresh}}).status, 401u) << "replayed code";
  EXPECT_EQ(replay.post("/api/v1/session/second-factor", {{"recovery_code", recovery_codes_[0]}}).status,
            204u);
  ApiClient again = client();
  ASSERT_EQ(again.sign_in("embassy.one", kPassword).status, 201u);
  EXPECT_EQ(again.post("/api/v1/session/second-factor", {{"recovery_code", recovery_codes_[0]}}).status, 401u)
      << "a recovery code works once";
}

TEST_F(IdentityTest, AnAdministratorResetsASecondFactorAndItIsAudited) {
  ApiClient user = client();
  enrol(user, "ministry.one");
  ApiClient admin = client();
  ASSERT_EQ(admin.sign_in("admin.one", kPassword).status, 201u);
  EXPECT_EQ(admin.post("/api/v1/users/" + std::to_string(ministry_) + "/second-factor-reset").status, 204u);
  EXPECT_EQ(user.get("/api/v1/me").status, 401u) << "the reset ends the user's sessions";
  ApiClient again = client();
  ASSERT_EQ(again.sign_in("ministry.one", kPassword).status, 201u);
  EXPECT_EQ(again.get("/api/v1/me").json()["second_factor"]["enrolled"], false);
  EXPECT_EQ(
      db_->owner_query("SELECT count(*) FROM audit_log WHERE action = 'second_factor.reset' AND actor_id = " +
                       std::to_string(admin_) + " AND entity_id = '" + std::to_string(ministry_) + "'"),
      "1");
}

TEST_F(IdentityTest, SessionsEndAtLogoutIdleAbsoluteExpiryAndWhenTheUserIsDisabled) {
  ApiClient out = client();
  ASSERT_EQ(out.sign_in("auditor.one", kPassword).status, 201u);
  EXPECT_EQ(out.del("/api/v1/session").status, 204u);
  EXPECT_EQ(out.get("/api/v1/me").status, 401u);

  ApiClient idle = client();
  ASSERT_EQ(idle.sign_in("auditor.one", kPassword).status, 201u);
  db_->owner_query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE ended_at IS NULL");
  EXPECT_EQ(idle.get("/api/v1/me").status, 401u);

  ApiClient old = client();
  ASSERT_EQ(old.sign_in("auditor.one", kPassword).status, 201u);
  db_->owner_query(
      "UPDATE sessions SET absolute_expires_at = now() - interval '1 second' WHERE ended_at IS NULL");
  EXPECT_EQ(old.get("/api/v1/me").status, 401u);

  ApiClient victim = client();
  ASSERT_EQ(victim.sign_in("auditor.one", kPassword).status, 201u);
  ApiClient admin = client();
  ASSERT_EQ(admin.sign_in("admin.one", kPassword).status, 201u);
  EXPECT_EQ(admin.post("/api/v1/users/" + std::to_string(auditor_) + "/disable").status, 204u);
  EXPECT_EQ(victim.get("/api/v1/me").status, 401u);
  EXPECT_EQ(client().sign_in("auditor.one", kPassword).status, 401u);
}

TEST_F(IdentityTest, ChangesWithoutTheCsrfTokenOrFromAnotherSiteAreRefused) {
  ApiClient admin = client();
  ASSERT_EQ(admin.sign_in("admin.one", kPassword).status, 201u);
  const nlohmann::json mission = {
      {"name", "Consulate in Dubai"}, {"host_country", "AE"}, {"city", "Dubai"}, {"kind", "consulate"}};
  EXPECT_EQ(admin.send("POST", "/api/v1/missions", mission, {{"Sec-Fetch-Site", "cross-site"}}).status, 403u);
  EXPECT_EQ(admin.send("POST", "/api/v1/missions", mission, {{"Origin", "https://elsewhere.example"}}).status,
            403u);
  ApiClient no_token = admin;
  no_token.forget_csrf();
  EXPECT_EQ(no_token.post("/api/v1/missions", mission).status, 403u);
  EXPECT_EQ(admin.post("/api/v1/missions", mission).status, 201u);
}

TEST_F(IdentityTest, NobodyChangesTheirOwnRoleOrMission) {
  ApiClient admin = client();
  ASSERT_EQ(admin.sign_in("admin.one", kPassword).status, 201u);
  auto refused = admin.patch("/api/v1/me", {{"display_name", "Boss"}, {"role", "auditor"}});
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.json()["errors"][0]["pointer"], "#/role");
  EXPECT_EQ(admin.get("/api/v1/me").json()["display_name"], "Test admin.one") << "nothing half-written";
  EXPECT_EQ(admin.patch("/api/v1/me", {{"display_name", "Admin, Nairobi"}}).status, 204u);
  EXPECT_EQ(admin.get("/api/v1/me").json()["display_name"], "Admin, Nairobi");
}

TEST_F(IdentityTest, ApiTokensCarryAUsersScopeUntilRevoked) {
  ApiClient admin = client();
  ASSERT_EQ(admin.sign_in("admin.one", kPassword).status, 201u);
  auto issued = admin.post("/api/v1/tokens", {{"name", "shelter case system"}, {"user_id", ministry_}});
  ASSERT_EQ(issued.status, 201u) << issued.body;
  const std::string token = issued.json()["token"];
  EXPECT_EQ(
      db_->owner_query("SELECT count(*) FROM api_tokens WHERE token_hash = sha256('" + token + "'::bytea)"),
      "1")
      << "only the hash is stored";

  ApiClient integration = client();
  integration.use_bearer(token);
  auto me = integration.get("/api/v1/me");
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json()["role"], "ministry_officer");
  EXPECT_EQ(me.json()["credential"], "api_token");
  EXPECT_EQ(integration.get("/api/v1/missions").status, 200u);
  EXPECT_EQ(integration.get("/api/v1/users").status, 403u);

  EXPECT_EQ(admin.del("/api/v1/tokens/" + issued.json()["id"].dump()).status, 204u);
  EXPECT_EQ(integration.get("/api/v1/me").status, 401u);
}

TEST_F(IdentityTest, EachRoleIsRefusedWhereThePolicySaysAndRefusalsAreAudited) {
  ApiClient ministry = client();
  enrol(ministry, "ministry.one");
  EXPECT_EQ(ministry.get("/api/v1/users").status, 403u);
  EXPECT_EQ(ministry.get("/api/v1/audit").status, 403u);
  EXPECT_EQ(ministry.post("/api/v1/missions", {{"name", "X"}, {"host_country", "AE"}, {"city", "Y"}}).status,
            403u);

  ApiClient admin = client();
  ASSERT_EQ(admin.sign_in("admin.one", kPassword).status, 201u);
  EXPECT_EQ(admin.get("/api/v1/audit").status, 403u);

  ApiClient auditor = client();
  ASSERT_EQ(auditor.sign_in("auditor.one", kPassword).status, 201u);
  EXPECT_EQ(auditor.get("/api/v1/users").status, 200u);
  EXPECT_EQ(auditor
                .post("/api/v1/users", {{"username", "x.y"},
                                        {"display_name", "X"},
                                        {"role", "auditor"},
                                        {"password", "Long-enough-password-9"}})
                .status,
            403u);
  auto refusals = auditor.get("/api/v1/audit?entity=user&limit=50");
  ASSERT_EQ(refusals.status, 200u) << refusals.body;
  int ministry_refusals = 0;
  const nlohmann::json page = refusals.json();  // kept: a loop over a temporary's member would dangle
  for (const auto& row : page["items"]) {
    if (row["outcome"] == "refused" && row["actor_id"] == ministry_) ++ministry_refusals;
  }
  EXPECT_EQ(ministry_refusals, 1) << refusals.body;
  // the user list; the audit and mission refusals are other entities
  auto all = auditor.get("/api/v1/audit?actor_id=" + std::to_string(ministry_));
  int refused = 0;
  const nlohmann::json all_page = all.json();
  for (const auto& row : all_page["items"]) refused += row["outcome"] == "refused";
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(auditor.get("/api/v1/audit?limit=0").status, 422u);
  EXPECT_EQ(auditor.get("/api/v1/audit?colour=red").status, 422u);
}

TEST_F(IdentityTest, AuditVerifyFindsAnAlteredRow) {
  ApiClient admin = client();
  ASSERT_EQ(admin.sign_in("admin.one", kPassword).status, 201u);
  admin.get("/api/v1/audit");  // a refusal, audited
  const std::vector<std::string> verify{test::rudi_binary(), "audit", "verify", "--database-url",
                                        db_->app_url()};
  test::ChildProcess intact(verify);
  EXPECT_EQ(intact.wait_exit(60s), 0) << intact.output();
  EXPECT_NE(intact.output().find("intact"), std::string::npos);

  EXPECT_THROW(test::query(db_->app_url(), "UPDATE audit_log SET action = 'x' WHERE id = 1"),
               std::runtime_error)
      << "the application's role cannot change audit rows";
  EXPECT_THROW(test::query(db_->app_url(), "DELETE FROM audit_log WHERE id = 1"), std::runtime_error);
  EXPECT_THROW(test::query(db_->app_url(), "UPDATE audit_log SET id = 99 WHERE id = 1"), std::runtime_error)
      << "a chained row keeps its place";
  db_->owner_query("UPDATE audit_log SET details = '{\"reason\": \"nothing happened\"}' WHERE id = 2");
  test::ChildProcess broken(verify);
  EXPECT_EQ(broken.wait_exit(60s), 1) << broken.output();
  EXPECT_NE(broken.output().find("row 2"), std::string::npos) << broken.output();
}

TEST_F(IdentityTest, WithoutAPrincipalTheApplicationReadsNoPersonAndPooledSessionsForgetPrincipals) {
  auto database = store::Database::open({db_->app_url(), 1});
  ASSERT_TRUE(database);
  const std::int64_t other_mission = server_->pretoria;
  auto count_as = [&](std::optional<auth::Principal> who) {
    return *(*database)->run_here<int>([&](soci::session& sql) -> Result<int> {
      soci::transaction tx(sql);
      if (who) store::set_principal(sql, *who);
      int n = -1;
      sql << "SELECT count(*) FROM people", soci::into(n);
      tx.commit();
      return n;
    });
  };
  auto insert_as = [&](const auth::Principal& who, std::int64_t mission) {
    return (*database)->run_here<Unit>([&](soci::session& sql) -> Result<Unit> {
      soci::transaction tx(sql);
      store::set_principal(sql, who);
      const long long m = mission;
      sql << "INSERT INTO people (mission_id, given_name, family_name, nationality) VALUES (:m, 'Test', "
             "'Person', 'KE')",
          soci::use(m);
      tx.commit();
      return Unit{};
    });
  };
  auth::Principal bangkok{embassy_, "embassy.one", "", auth::Role::embassy_officer, mission_};
  auth::Principal pretoria{99, "other", "", auth::Role::embassy_officer, other_mission};
  auth::Principal nation{ministry_, "ministry.one", "", auth::Role::ministry_officer, std::nullopt};
  ASSERT_TRUE(insert_as(bangkok, mission_));
  ASSERT_TRUE(insert_as(pretoria, other_mission));
  EXPECT_FALSE(insert_as(bangkok, other_mission)) << "row-level security refuses another mission's row";

  EXPECT_EQ(count_as(bangkok), 1);
  EXPECT_EQ(count_as(std::nullopt), 0) << "the same pooled connection, no principal: nothing";
  EXPECT_EQ(count_as(pretoria), 1);
  EXPECT_EQ(count_as(nation), 2);
  EXPECT_EQ(count_as(std::nullopt), 0);
  EXPECT_EQ(test::query(db_->app_url(), "SELECT count(*) FROM people"), "0");
  EXPECT_EQ(db_->owner_query("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'people'"), "t");
}

}  // namespace
}  // namespace rudi
