// The live websocket over real `rudi serve` processes and the real database: refusals before the upgrade,
// subscriptions checked by role and scope, events filtered per client (consent and links included), replay
// and resume with no gap and no duplicate, two nodes, slow and misbehaving clients, and access that ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <future>
#include <set>
#include <thread>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <filesystem>

#include "support/live_client.hpp"
#include "support/records.hpp"
#include "support/server_test.hpp"
#include "support/test_certificate.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::ApiClient;
using test::LiveClient;
using test::make_cohort;
using test::make_person;

class LiveTest : public test::ServerTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(start({})); }
  void start(std::vector<std::string> flags, std::map<std::string, std::string> environment = {}) {
    // The heartbeat is tested on its own; elsewhere it stays out of the way of the test client.
    if (std::find(flags.begin(), flags.end(), "--live-heartbeat-ms") == flags.end())
      flags.insert(flags.end(), {"--live-heartbeat-ms", "600000"});
    ASSERT_NO_FATAL_FAILURE(start_server(flags, environment));
    embassy_ = std::make_unique<ApiClient>(server_->signed_in("embassy.one"));
    ministry_ = std::make_unique<ApiClient>(server_->signed_in("ministry.one"));
    prosecutor_ = std::make_unique<ApiClient>(server_->signed_in("prosecutor.one"));
  }

  test::Headers browser(const ApiClient& c, unsigned short port = 0) const {
    if (!port) port = server_->port();
    return {{"Cookie", "__Host-rudi_session=" + c.session_cookie()},
            {"Origin", "http://127.0.0.1:" + std::to_string(port)}};
  }
  std::unique_ptr<LiveClient> live(const ApiClient& c, unsigned short port = 0) {
    auto client = std::make_unique<LiveClient>(port ? port : server_->port(), browser(c, port));
    EXPECT_TRUE(client->connected()) << client->refused_status();
    return client;
  }

  unsigned toggle_hold(ApiClient& c, std::int64_t person, bool hold) {
    const nlohmann::json body = hold ? nlohmann::json{{"hold", true}, {"hold_reason", "hospitalised"}}
                                     : nlohmann::json{{"release", true}};
    const auto status = c.post("/api/v1/people/" + std::to_string(person) + "/transitions", body).status;
    return status == 201u ? 200u : status;  // 200: done
  }
  void consent(std::int64_t person, const std::string& status) {
    auto reply = ministry_->post("/api/v1/people/" + std::to_string(person) + "/consents",
                                 {{"purpose", "prosecution"}, {"status", status}, {"method", "written"}});
    ASSERT_EQ(reply.status, 201u) << reply.body;
  }
  std::int64_t make_case(ApiClient& c, const std::string& file_number) {
    auto reply = c.post("/api/v1/cases",
                        {{"file_number", file_number}, {"title", "Republic v. an invented recruiter"}});
    EXPECT_EQ(reply.status, 201u) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }
  std::int64_t head() { return std::stoll(server_->db().owner_query("SELECT last_seq FROM events_head")); }

  std::unique_ptr<ApiClient> embassy_, ministry_, prosecutor_;
};

// Events of `type` about `person` among the client's next messages, until `until_seq` has been seen.
std::vector<nlohmann::json> events_until(LiveClient& client, std::int64_t until_seq,
                                         std::chrono::milliseconds timeout = 20s) {
  std::vector<nlohmann::json> seen = std::move(client.events());
  client.events().clear();
  auto reached = [&] { return !seen.empty() && seen.back()["seq"].get<std::int64_t>() >= until_seq; };
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!reached() && std::chrono::steady_clock::now() < deadline) {
    auto message = client.next(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
    if (!message) break;
    if ((*message)["op"] == "event") seen.push_back(std::move(*message));
  }
  return seen;
}

TEST_F(LiveTest, TheUpgradeIsRefusedWithoutACredentialFromAForeignOriginOrWithoutAnOriginForACookie) {
  LiveClient anonymous(server_->port(), {});
  EXPECT_FALSE(anonymous.connected());
  EXPECT_EQ(anonymous.refused_status(), 401u);

  auto headers = browser(*embassy_);
  headers[1].second = "https://elsewhere.example";
  LiveClient foreign(server_->port(), headers);
  EXPECT_EQ(foreign.refused_status(), 403u);

  LiveClient no_origin(server_->port(), {browser(*embassy_)[0]});
  EXPECT_EQ(no_origin.refused_status(), 403u) << "a cookie without the page's Origin could be another site's";

  auto plain = embassy_->get("/api/v1/live");
  EXPECT_EQ(plain.status, 426u);
  EXPECT_EQ(plain.header("content-type"), "application/problem+json");

  // An API token needs no Origin.
  ApiClient admin = server_->signed_in("admin.one");
  auto token = admin.post("/api/v1/tokens", {{"name", "dashboard wall"}, {"user_id", server_->ministry}});
  ASSERT_EQ(token.status, 201u) << token.body;
  LiveClient machine(server_->port(),
                     {{"Authorization", "Bearer " + token.json()["token"].get<std::string>()}});
  ASSERT_TRUE(machine.connected());
  EXPECT_TRUE(machine.subscribe({"nation"}));
}

TEST_F(LiveTest, EachRoleMayFollowOnlyTheTopicsItsScopeAllows) {
  const auto cohort = make_cohort(*embassy_);
  const auto person = make_person(*embassy_, cohort);
  ApiClient pretoria = server_->signed_in("embassy.two");
  const auto their_cohort = make_cohort(pretoria);
  const auto case_id = make_case(*prosecutor_, "ODPP/CTIP/2025/501");
  const auto b = std::to_string(server_->bangkok), p = std::to_string(server_->pretoria);

  auto embassy = live(*embassy_);
  EXPECT_TRUE(embassy->subscribe(
      {"mission:" + b, "cohort:" + std::to_string(cohort), "person:" + std::to_string(person)}));
  for (const std::string& topic :
       std::vector<std::string>{"nation", "mission:" + p, "cohort:" + std::to_string(their_cohort),
                                "case:" + std::to_string(case_id), "cohort:999999", "person:0", "bogus"}) {
    EXPECT_FALSE(embassy->subscribe({topic})) << topic;
    EXPECT_EQ(embassy->last_refusal()["code"], "forbidden") << topic;
    EXPECT_EQ(embassy->last_refusal()["topics"], nlohmann::json::array({topic}));
  }

  auto ministry = live(*ministry_);
  EXPECT_TRUE(ministry->subscribe({"nation", "mission:" + p, "cohort:" + std::to_string(their_cohort),
                                   "case:" + std::to_string(case_id)}));

  auto prosecutor = live(*prosecutor_);
  EXPECT_TRUE(prosecutor->subscribe({"case:" + std::to_string(case_id)}));
  for (const std::string& topic : std::vector<std::string>{
           "nation", "mission:" + b, "cohort:" + std::to_string(cohort), "person:" + std::to_string(person)})
    EXPECT_FALSE(prosecutor->subscribe({topic})) << topic;
  ApiClient other = server_->signed_in("prosecutor.two");
  auto other_live = live(other);
  EXPECT_FALSE(other_live->subscribe({"case:" + std::to_string(case_id)})) << "another prosecutor's case";

  auto auditor = live(server_->signed_in("auditor.one"));
  EXPECT_FALSE(auditor->subscribe({"nation"}));
  EXPECT_GE(std::stoi(server_->db().owner_query(
                "SELECT count(*) FROM audit_log WHERE action = 'live.subscribe' AND outcome = 'refused'")),
            10);
}

TEST_F(LiveTest, AChangeReachesEveryDashboardAllowedToSeeItAndNoOther) {
  const auto cohort = make_cohort(*embassy_);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  auto embassy = live(*embassy_);
  auto ministry = live(*ministry_);
  ApiClient pretoria = server_->signed_in("embassy.two");
  auto other_mission = live(pretoria);
  ASSERT_TRUE(embassy->subscribe({"cohort:" + std::to_string(cohort)}));
  ASSERT_TRUE(ministry->subscribe({"nation"}));
  ASSERT_TRUE(other_mission->subscribe({"mission:" + std::to_string(server_->pretoria)}));

  const auto person = make_person(*embassy_, cohort);
  ASSERT_EQ(toggle_hold(*embassy_, person, true), 200u);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const auto last = head();

  auto seen = events_until(*embassy, last);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0]["type"], "person.created");
  EXPECT_EQ(seen[1]["type"], "person.transitioned");
  EXPECT_EQ(seen[1]["data"]["on_hold"], true);
  EXPECT_EQ(seen[1]["topics"], nlohmann::json::array({"cohort:" + std::to_string(cohort)}))
      << "only the topics it follows";
  EXPECT_FALSE(seen[1]["data"].contains("given_name")) << "a card carries no name";
  EXPECT_FALSE(seen[1]["committed_at"].get<std::string>().empty());

  auto nation = events_until(*ministry, last);
  ASSERT_EQ(nation.size(), 2u);
  EXPECT_EQ(nation[1]["seq"], seen[1]["seq"]);
  EXPECT_FALSE(other_mission->next(300ms)) << "another mission hears nothing of it";
}

TEST_F(LiveTest, AProsecutorHearsOfConsentingLinkedVictimsOnlyAndNotAfterConsentIsWithdrawn) {
  const auto person = make_person(*embassy_, std::nullopt, {{"given_name", "Achieng"}});
  consent(person, "granted");
  const auto case_id = make_case(*prosecutor_, "ODPP/CTIP/2025/502");
  auto linked = prosecutor_->post("/api/v1/cases/" + std::to_string(case_id) + "/victims",
                                  {{"person_id", person}, {"role", "complainant"}});
  ASSERT_EQ(linked.status, 201u) << linked.body;
  const auto unlinked = make_person(*embassy_, std::nullopt, {{"given_name", "Atieno"}});

  auto prosecutor = live(*prosecutor_);
  ASSERT_TRUE(prosecutor->subscribe({"case:" + std::to_string(case_id), "person:" + std::to_string(person)}));
  EXPECT_FALSE(prosecutor->subscribe({"person:" + std::to_string(unlinked)}));

  ASSERT_EQ(toggle_hold(*embassy_, person, true), 200u);
  ASSERT_EQ(toggle_hold(*embassy_, unlinked, true), 200u);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  auto seen = events_until(*prosecutor, head());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["type"], "person.transitioned");
  EXPECT_EQ(seen[0]["data"]["id"], person);

  consent(person, "withdrawn");
  ASSERT_EQ(toggle_hold(*embassy_, person, false), 200u);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const auto after = head();
  // The case hears that its victims changed; nothing of the person follows.
  auto ended = events_until(*prosecutor, after, 3s);
  ASSERT_EQ(ended.size(), 1u) << nlohmann::json(ended).dump();
  EXPECT_EQ(ended[0]["type"], "case.victims_changed");
  EXPECT_EQ(ended[0]["data"]["open"], false);
  EXPECT_FALSE(prosecutor->next(300ms));

  // A replay from before the withdrawal does not bring the person back either.
  auto again = live(*prosecutor_);
  ASSERT_TRUE(again->subscribe({"case:" + std::to_string(case_id), "person:" + std::to_string(person)}, 0) ==
              std::nullopt);
  EXPECT_EQ(again->last_refusal()["code"], "forbidden") << "the person's topic is closed now";
  ASSERT_TRUE(again->subscribe({"case:" + std::to_string(case_id)}, 0));
  for (const auto& event : again->events()) EXPECT_NE(event["type"], "person.transitioned") << event.dump();
}

TEST_F(LiveTest, ResumingFromTheLastSequenceNumberGivesExactlyTheMissedEventsInOrder) {
  const auto cohort = make_cohort(*embassy_);
  const auto person = make_person(*embassy_, cohort);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  std::int64_t last_seen = 0;
  {
    auto first = live(*ministry_);
    ASSERT_TRUE(first->subscribe({"cohort:" + std::to_string(cohort)}));
    ASSERT_EQ(toggle_hold(*embassy_, person, true), 200u);
    ASSERT_TRUE(server_->db().wait_until_sequenced());
    auto seen = events_until(*first, head());
    ASSERT_EQ(seen.size(), 1u);
    last_seen = seen.back()["seq"];
  }
  std::vector<std::int64_t> missed;
  for (int i = 0; i < 6; ++i) ASSERT_EQ(toggle_hold(*embassy_, person, i % 2 == 1), 200u);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const auto expected = std::stoll(
      server_->db().owner_query("SELECT count(*) FROM events WHERE seq > " + std::to_string(last_seen) +
                                " AND 'cohort:" + std::to_string(cohort) + "' = ANY(topics)"));
  auto resumed = live(*ministry_);
  const auto as_of = resumed->subscribe({"cohort:" + std::to_string(cohort)}, last_seen);
  ASSERT_TRUE(as_of);
  ASSERT_EQ(static_cast<std::int64_t>(resumed->events().size()), expected);
  std::int64_t previous = last_seen;
  for (const auto& e : resumed->events()) {
    EXPECT_GT(e["seq"].get<std::int64_t>(), previous);
    previous = e["seq"];
  }
  // And it goes on live from there.
  ASSERT_EQ(toggle_hold(*embassy_, person, false), 200u);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  auto live_after = events_until(*resumed, head());
  ASSERT_FALSE(live_after.empty());
  EXPECT_GT(live_after.back()["seq"].get<std::int64_t>(), *as_of);

  // A resume point beyond the head (another database, a restore) answers reset.
  auto lost = live(*ministry_);
  EXPECT_FALSE(lost->subscribe({"cohort:" + std::to_string(cohort)}, head() + 1000));
  EXPECT_EQ(lost->last_refusal()["op"], "reset");
}

TEST_F(LiveTest, AResumePointOlderThanTheRetentionPeriodAnswersReset) {
  start({"--live-retention-hours", "1"});
  const auto cohort = make_cohort(*embassy_);
  make_person(*embassy_, cohort);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const auto last = head();
  server_->db().owner_query("UPDATE events SET recorded_at = now() - interval '2 hours' WHERE seq = " +
                            std::to_string(last));
  auto client = live(*ministry_);
  EXPECT_FALSE(client->subscribe({"cohort:" + std::to_string(cohort)}, last - 1));
  EXPECT_EQ(client->last_refusal()["op"], "reset");
  EXPECT_TRUE(client->subscribe({"cohort:" + std::to_string(cohort)}, last)) << "nothing after it is missing";
}

TEST_F(LiveTest, APeerThatDoesNotAnswerTheHeartbeatIsDropped) {
  start({"--live-heartbeat-ms", "300"});
  auto answering = live(*ministry_);                               // reads all the time, so its pongs go back
  LiveClient silent(server_->port(), browser(*ministry_), false);  // reads nothing: no pong
  ASSERT_TRUE(silent.connected());
  auto open_sockets = [&] {
    const auto metrics = test::http_request(server_->port(), "GET", "/metrics").body;
    const auto at = metrics.find("\nrudi_live_sockets ");
    return at == std::string::npos ? -1 : std::stoi(metrics.substr(at + 19));
  };
  EXPECT_EQ(open_sockets(), 2);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (open_sockets() != 1 && std::chrono::steady_clock::now() < deadline) {
    // Waits on the server's own count; each look is one request.
  }
  EXPECT_EQ(open_sockets(), 1) << "the silent peer was not dropped";
  silent.start_reading();
  EXPECT_TRUE(silent.wait_closed(5s));
  EXPECT_TRUE(answering->subscribe({"nation"})) << "a peer that answers stays";
}

TEST_F(LiveTest, ResumeWhileEightWritersMakeTenThousandChangesGivesTheCommittedSequence) {
  const auto cohort = make_cohort(*ministry_, {{"mission_id", server_->bangkok}});
  ApiClient admin = server_->signed_in("admin.one");
  auto token = admin.post("/api/v1/tokens", {{"name", "writers"}, {"user_id", server_->ministry}});
  ASSERT_EQ(token.status, 201u);
  const std::string bearer = token.json()["token"];
  std::vector<std::int64_t> people;
  for (int i = 0; i < 8; ++i)
    people.push_back(make_person(*ministry_, cohort, {{"given_name", "Writer" + std::to_string(i)}}));
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const auto start = head();
  const std::string topic = "cohort:" + std::to_string(cohort);

  constexpr int kChanges = 10'000;
  std::atomic<int> done{0};
  std::vector<std::future<void>> writers;
  for (int w = 0; w < 8; ++w) {
    writers.push_back(std::async(std::launch::async, [&, w] {
      ApiClient c(server_->port());
      c.use_bearer(bearer);
      for (int i = 0; i < kChanges / 8; ++i) {
        if (toggle_hold(c, people[w], i % 2 == 0) == 200u) done.fetch_add(1);
      }
    }));
  }
  // The subscriber reads, drops the connection now and then, and resumes from the last number it has.
  std::vector<std::int64_t> received;
  std::int64_t last = start;
  int reconnects = 0;
  while (true) {
    const bool writing = std::any_of(writers.begin(), writers.end(),
                                     [](auto& f) { return f.wait_for(0s) != std::future_status::ready; });
    auto client = live(*ministry_);
    auto as_of = client->subscribe({topic}, last, 60s);
    ASSERT_TRUE(as_of) << client->last_refusal().dump();
    auto take = [&](const nlohmann::json& e) {
      received.push_back(e["seq"]);
      last = e["seq"];
    };
    for (const auto& e : client->events()) take(e);
    client->events().clear();
    // Read a while, then drop.
    for (int n = 0; n < 700; ++n) {
      auto message = client->next(writing ? 5s : 1s);
      if (!message) break;
      if ((*message)["op"] == "event") take(*message);
    }
    ++reconnects;
    if (!writing) break;
  }
  for (auto& w : writers) w.get();
  ASSERT_TRUE(server_->db().wait_until_sequenced(60s));
  // One last resume collects the tail.
  auto tail = live(*ministry_);
  ASSERT_TRUE(tail->subscribe({topic}, last, 60s));
  for (const auto& e : tail->events()) received.push_back(e["seq"]);
  auto rest = events_until(*tail, head(), 10s);
  for (const auto& e : rest) received.push_back(e["seq"]);

  const auto committed =
      server_->db().owner_query("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM events WHERE seq > " +
                                std::to_string(start) + " AND '" + topic + "' = ANY(topics)");
  std::string got;
  for (auto s : received) got += (got.empty() ? "" : ",") + std::to_string(s);
  EXPECT_EQ(static_cast<int>(received.size()), done.load());
  EXPECT_EQ(got, committed) << "gap, duplicate or reordering after " << reconnects << " reconnects";
  EXPECT_GT(reconnects, 1);
}

TEST_F(LiveTest, OverTlsTheEventsAndTheHeartbeatGoThroughBeast) {
  // Plain TCP writes frames straight to the socket; TLS writes them, and the heartbeat's pings, through
  // Beast. A second node, serving TLS, on the same database: a wss client resumes from before a change made
  // through the first node, gets its event, and is pinged every heartbeat.
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace websocket = beast::websocket;
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const auto before = head();
  const auto person = make_person(*embassy_, make_cohort(*embassy_), {{"given_name", "Tlsia"}});
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const test::TestCertificate certificate = test::make_test_certificate();
  auto node = server_->start_node(
      {"--tls-cert", certificate.cert, "--tls-key", certificate.key, "--live-heartbeat-ms", "300"});
  ASSERT_NE(node.port, 0) << node.process->output();
  ApiClient admin = server_->signed_in("admin.one");
  auto token = admin.post("/api/v1/tokens", {{"name", "wall over TLS"}, {"user_id", server_->ministry}});
  ASSERT_EQ(token.status, 201u) << token.body;
  const std::string bearer = "Bearer " + token.json()["token"].get<std::string>();

  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.add_certificate_authority(asio::buffer(certificate.pem));
  tls.set_verify_mode(asio::ssl::verify_peer);
  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws(io, tls);
  auto& tcp = beast::get_lowest_layer(ws);
  tcp.connect({asio::ip::make_address("127.0.0.1"), node.port});
  // Blocking reads and writes, each bounded by the socket's own timeouts.
  const timeval bound{10, 0};
  ::setsockopt(tcp.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
  ::setsockopt(tcp.socket().native_handle(), SOL_SOCKET, SO_SNDTIMEO, &bound, sizeof bound);
  ws.next_layer().handshake(asio::ssl::stream_base::client);
  ws.set_option(websocket::stream_base::decorator(
      [&](websocket::request_type& request) { request.set(beast::http::field::authorization, bearer); }));
  ws.handshake("127.0.0.1:" + std::to_string(node.port), "/api/v1/live");
  int pings = 0;
  ws.control_callback([&](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::ping) ++pings;
  });
  ws.text(true);
  auto next = [&] {
    beast::flat_buffer buffer;
    ws.read(buffer);
    return nlohmann::json::parse(beast::buffers_to_string(buffer.data()));
  };
  ws.write(asio::buffer(R"({"op":"subscribe","topics":["nation"],"since":)" + std::to_string(before) + "}"));
  std::vector<nlohmann::json> replayed;
  for (auto m = next(); m["op"] != "subscribed"; m = next()) replayed.push_back(m);
  ASSERT_FALSE(replayed.empty());
  EXPECT_TRUE(std::any_of(replayed.begin(), replayed.end(), [&](const nlohmann::json& e) {
    return e["op"] == "event" && e["type"] == "person.created" && e["data"]["id"] == person;
  }));
  // The client answers each ping as it reads (here, the replies to its own pings): it stays connected
  // through several heartbeats.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (pings < 3 && std::chrono::steady_clock::now() < deadline) {
    ws.write(asio::buffer(std::string(R"({"op":"ping"})")));
    ASSERT_EQ(next()["op"], "pong");
  }
  EXPECT_GE(pings, 3) << "a ping every 300 ms";
  ws.close(websocket::close_code::normal);
  std::filesystem::remove_all(certificate.dir);
}

TEST_F(LiveTest, TwoNodesOnOneDatabaseShowEachOthersChanges) {
  auto node_b = server_->start_node({"--live-heartbeat-ms", "600000"});
  ASSERT_NE(node_b.port, 0) << node_b.process->output();
  const auto cohort = make_cohort(*embassy_);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  auto on_b = live(*ministry_, node_b.port);
  // From the head: node B's hub may not have read the cohort's own event yet, and would then send it too.
  ASSERT_TRUE(on_b->subscribe({"cohort:" + std::to_string(cohort)}, head()));
  make_person(*embassy_, cohort);  // through node A
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  auto seen = events_until(*on_b, head());
  ASSERT_EQ(seen.size(), 1u) << nlohmann::json(seen).dump();
  EXPECT_EQ(seen[0]["type"], "person.created");
}

TEST_F(LiveTest, ADisabledUsersAndASignedOutSessionsSocketsAreClosed) {
  auto embassy = live(*embassy_);
  ASSERT_TRUE(embassy->subscribe({"mission:" + std::to_string(server_->bangkok)}));
  ApiClient admin = server_->signed_in("admin.one");
  ASSERT_EQ(admin.post("/api/v1/users/" + std::to_string(server_->embassy) + "/disable").status, 204u);
  EXPECT_EQ(embassy->wait_closed(10s), 4001u);

  auto ministry = live(*ministry_);
  ASSERT_TRUE(ministry->subscribe({"nation"}));
  ASSERT_EQ(ministry_->del("/api/v1/session").status, 204u);
  EXPECT_EQ(ministry->wait_closed(10s), 4001u);
}

TEST_F(LiveTest, BadMessagesGetAnErrorAndThenAPolicyClose) {
  auto client = live(*ministry_);
  client->send_text("not json");
  auto first = client->next();
  ASSERT_TRUE(first);
  EXPECT_EQ((*first)["op"], "error");
  EXPECT_EQ((*first)["code"], "bad-json");
  client->send({{"op", "subscribe"}, {"topics", "nation"}});
  EXPECT_EQ((*client->next())["code"], "bad-message");
  client->send({{"op", "ping"}});
  EXPECT_EQ((*client->next())["op"], "pong") << "a good message still works between bad ones";
  client->send_text(std::string(5000, ' ') + "{}");
  EXPECT_EQ((*client->next())["code"], "too-large");
  EXPECT_EQ(client->wait_closed(10s), 1008u);
  // Everyone else is served as before.
  auto other = live(*ministry_);
  EXPECT_TRUE(other->subscribe({"nation"}));
}

// Resident memory of a process, in kB.
long resident_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

TEST_F(LiveTest, ASubscriberThatNeverReadsIsCutOffAndTheServersMemoryStaysBounded) {
  // Small bounds, and (under the sanitizer) freed memory given back, so that growth would show.
  start({"--live-queue-messages", "64", "--live-queue-bytes", "65536", "--live-send-buffer-bytes", "8192"},
        {{"ASAN_OPTIONS", "quarantine_size_mb=1:detect_leaks=0"}});
  const auto cohort = make_cohort(*ministry_, {{"mission_id", server_->bangkok}});
  const auto person = make_person(*ministry_, cohort);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  auto reader = live(*ministry_);
  ASSERT_TRUE(reader->subscribe({"cohort:" + std::to_string(cohort)}));
  bool hold = true;
  auto changes = [&](int n) {
    for (int i = 0; i < n; ++i, hold = !hold) ASSERT_EQ(toggle_hold(*ministry_, person, hold), 200u);
  };
  changes(200);  // warm up: pools and caches reach their size
  const int pid = server_->serve().process->pid();
  const long before = resident_kb(pid);

  LiveClient sleeper(server_->port(), browser(*ministry_), false, 4096);
  ASSERT_TRUE(sleeper.connected());
  sleeper.send({{"op", "subscribe"}, {"topics", {"cohort:" + std::to_string(cohort)}}});
  changes(600);
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  const auto last = head();
  auto seen = events_until(*reader, last, 30s);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back()["seq"], last) << "a reading client is not held back by the one that does not read";
  // Its close frame cannot pass a full socket: the connection is cut.
  sleeper.start_reading();
  EXPECT_TRUE(sleeper.wait_closed(15s));
  EXPECT_TRUE(server_->serve().process->wait_for_log("live client lagging", 5s,
                                                     [](const nlohmann::json&) { return true; }));
  const long after = resident_kb(pid);
  EXPECT_LT(after - before, 16 * 1024) << "resident memory grew by " << (after - before) << " kB";
}

}  // namespace
}  // namespace rudi
