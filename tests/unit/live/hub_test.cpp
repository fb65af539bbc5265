// The hub's fan-out: who receives an event, with which topics, from where, in how many hand-overs.
#include "live/hub.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "unit/live/signed_in.hpp"

namespace rudi::live {
namespace {

// A dashboard as the hub sees it: records what it is handed.
class RecordingSubscriber : public Subscriber {
 public:
  explicit RecordingSubscriber(auth::Principal principal) : principal_(std::move(principal)) {}
  const auth::Principal& principal() const override { return principal_; }
  const std::string& session_tag() const override { return session_; }
  void deliver(std::vector<Outgoing> events) override {
    ++hand_overs;
    for (const auto& e : events) received.push_back(nlohmann::json::parse(*e.message));
  }
  void access_ended() override { ended = true; }

  std::vector<nlohmann::json> received;
  int hand_overs = 0;
  bool ended = false;

 private:
  auth::Principal principal_;
  std::string session_;
};

using test::signed_in;

// A transition of person 9, of cohort 3, at mission 10.
store::EventRecord transition(std::int64_t seq) {
  store::EventRecord e;
  e.seq = seq;
  e.type = "person.transitioned";
  e.topics = {"cohort:3", "mission:10", "person:9"};
  e.mission_id = 10;
  e.person_id = 9;
  e.cohort_id = 3;
  e.payload = {{"to", "interviewed"}};
  return e;
}

std::vector<std::int64_t> seqs(const RecordingSubscriber& s) {
  std::vector<std::int64_t> out;
  for (const auto& m : s.received) out.push_back(m.at("seq").get<std::int64_t>());
  return out;
}

class HubTest : public ::testing::Test {
 protected:
  std::shared_ptr<RecordingSubscriber> add(auth::Principal p, std::vector<std::string> topics,
                                           std::int64_t floor = 0) {
    auto s = std::make_shared<RecordingSubscriber>(std::move(p));
    hub_->subscribe(s, std::move(topics), floor, [](std::int64_t) {});
    settle();
    return s;
  }
  void publish(std::vector<store::EventRecord> events) {
    hub_->publish(std::move(events));
    settle();
  }
  // Runs everything posted to the hub's strand, until nothing is left.
  void settle() {
    io_.restart();
    io_.run();
  }

  boost::asio::io_context io_;
  std::shared_ptr<Hub> hub_ = std::make_shared<Hub>(io_.get_executor());
};

TEST_F(HubTest, AnEventGoesOnceToEachFollowerAllowedToSeeItWithOnlyTheTopicsItFollows) {
  auto embassy = add(signed_in(auth::Role::embassy_officer, 1, 10), {"mission:10"});
  auto ministry = add(signed_in(auth::Role::ministry_officer, 2), {"cohort:3", "mission:10", "nation"});
  auto other_embassy = add(signed_in(auth::Role::embassy_officer, 3, 20), {"cohort:3"});
  auto prosecutor = add(signed_in(auth::Role::prosecutor, 4), {"person:9"});  // not linked to the person
  auto elsewhere = add(signed_in(auth::Role::ministry_officer, 5), {"cohort:4"});

  publish({transition(1)});

  ASSERT_EQ(embassy->received.size(), 1u);
  EXPECT_EQ(embassy->received[0].at("topics"), nlohmann::json::array({"mission:10"}));
  EXPECT_EQ(embassy->received[0].at("op"), "event");
  EXPECT_EQ(embassy->received[0].at("data").at("to"), "interviewed");
  ASSERT_EQ(ministry->received.size(), 1u) << "one message, however many of its topics match";
  EXPECT_EQ(ministry->received[0].at("topics"), nlohmann::json::array({"cohort:3", "mission:10"}));
  EXPECT_TRUE(other_embassy->received.empty()) << "another mission's person";
  EXPECT_TRUE(prosecutor->received.empty()) << "a person not linked to the prosecutor's cases";
  EXPECT_TRUE(elsewhere->received.empty());
}

TEST_F(HubTest, AProsecutorLinkedWithConsentReceivesThePersonsEventAndWithoutConsentDoesNot) {
  auto prosecutor = add(signed_in(auth::Role::prosecutor, 4), {"person:9"});
  auto consented = transition(1);
  consented.prosecutor_ids = {4};
  consented.prosecution_consent = true;
  auto withdrawn = transition(2);
  withdrawn.prosecutor_ids = {4};
  withdrawn.prosecution_consent = false;

  publish({consented});
  publish({withdrawn});

  EXPECT_EQ(seqs(*prosecutor), (std::vector<std::int64_t>{1}));
}

TEST_F(HubTest, NothingUpToTheFloorNorAfterUnsubscribing) {
  auto ministry = add(signed_in(auth::Role::ministry_officer, 2), {"cohort:3"}, 5);

  publish({transition(4)});
  publish({transition(5)});
  publish({transition(6)});
  hub_->unsubscribe(ministry, {"cohort:3"});
  settle();
  publish({transition(7)});

  EXPECT_EQ(seqs(*ministry), (std::vector<std::int64_t>{6}));
}

TEST_F(HubTest, ARemovedSubscriberReceivesNothingMore) {
  auto ministry = add(signed_in(auth::Role::ministry_officer, 2), {"cohort:3", "mission:10"});
  publish({transition(1)});
  hub_->remove(ministry);
  settle();
  publish({transition(2)});
  EXPECT_EQ(seqs(*ministry), (std::vector<std::int64_t>{1}));
}

TEST_F(HubTest, ABatchIsHandedOverOnceASubscriberInSequenceOrder) {
  auto embassy = add(signed_in(auth::Role::embassy_officer, 1, 10), {"cohort:3"});
  auto ministry = add(signed_in(auth::Role::ministry_officer, 2), {"cohort:3", "person:9"});

  publish({transition(1), transition(2), transition(3)});

  EXPECT_EQ(embassy->hand_overs, 1);
  EXPECT_EQ(seqs(*embassy), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(ministry->hand_overs, 1);
  EXPECT_EQ(seqs(*ministry), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(HubTest, AnEndedAccessClosesThatUsersSubscribersAfterWhatCameBefore) {
  auto ended = add(signed_in(auth::Role::embassy_officer, 1, 10), {"cohort:3"});
  auto other = add(signed_in(auth::Role::embassy_officer, 2, 10), {"cohort:3"});
  store::EventRecord disabled;
  disabled.seq = 2;
  disabled.type = "access.user_disabled";
  disabled.payload = {{"user_id", 1}};

  publish({transition(1), disabled});

  EXPECT_EQ(seqs(*ended), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(ended->ended);
  EXPECT_FALSE(other->ended);
  EXPECT_EQ(seqs(*other), (std::vector<std::int64_t>{1}));
}

}  // namespace
}  // namespace rudi::live
