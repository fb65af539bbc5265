#include "service/webhook_outbox.hpp"

#include <soci/soci.h>

#include "service/audit_trail.hpp"
#include "service/webhooks.hpp"
#include "store/audit_repository.hpp"
#include "store/consent_repository.hpp"
#include "store/person_repository.hpp"
#include "store/principal_scope.hpp"
#include "store/webhook_repository.hpp"

namespace rudi::service {
namespace {

// The delivery engine reads people as an officer of the subscription's scope would.
auth::Principal scope_principal(const WebhookFilter& filter) {
  auth::Principal p;
  p.username = "webhook";
  p.credential = auth::Credential::system;
  p.second_factor_done = true;
  p.role = filter.mission_id ? auth::Role::embassy_officer : auth::Role::ministry_officer;
  p.mission_id = filter.mission_id;
  return p;
}

auth::Principal system_principal() {
  auth::Principal p;
  p.username = "system";
  p.role = auth::Role::administrator;
  p.credential = auth::Credential::system;
  p.second_factor_done = true;
  return p;
}

// A recorded consent for another purpose is none of the subscription's business: that a survivor agreed to
// testify, say, must not reach a family liaison's SMS gateway.
bool takes(const WebhookSubscription& s, const store::EventRecord& event) {
  if (!webhook_takes(s.filter, event.type, event.topics, event.mission_id)) return false;
  if (event.type != "consent.recorded") return true;
  return event.payload.value("purpose", std::string()) == s.purpose;
}

// Consent and the purpose's fields of the person an event is about, read in the caller's transaction.
WebhookDelivery with_consent(soci::session& sql, const WebhookSubscription& s, store::EventRecord event) {
  WebhookDelivery d{std::move(event), std::nullopt, nlohmann::json()};
  if (!d.event.person_id) return d;
  d.consent_granted = false;
  auto person = store::find_person(sql, *d.event.person_id);
  if (!person) return d;  // outside the scope now: ids only
  const auto consent = store::consent_in_force(sql, person->id);
  const auto status = consent.find(s.purpose);
  if (status == consent.end() || status->second != "granted") return d;
  d.consent_granted = true;
  d.person = nlohmann::json::object();
  for (const auto& field : personal_fields_for(s.purpose)) {
    if (person->fields.contains(field)) d.person[field] = person->fields[field];
  }
  return d;
}

void audit_disclosure(soci::session& sql, std::int64_t webhook_id, const std::string& purpose,
                      const WebhookDelivery& d) {
  if (!d.consent_granted || !*d.consent_granted || d.person.empty()) return;
  auto entry =
      audit_entry(system_principal(), "webhook.deliver", "person", std::to_string(*d.event.person_id),
                  "webhook-" + std::to_string(webhook_id) + "-" + std::to_string(d.event.seq));
  entry.details = {{"webhook_id", webhook_id}, {"seq", d.event.seq}, {"purpose", purpose}};
  store::append_audit(sql, entry);
}

}  // namespace

boost::asio::awaitable<Result<std::vector<std::int64_t>>> WebhookOutbox::lease(
    std::string node, std::chrono::milliseconds lease, int limit) {
  co_return co_await db_.run<std::vector<std::int64_t>>(
      [&](soci::session& sql) -> Result<std::vector<std::int64_t>> {
        return store::lease_webhooks(sql, node, lease, limit);
      });
}

boost::asio::awaitable<Status> WebhookOutbox::release(std::string node) {
  co_return co_await db_.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    store::release_webhook_leases(sql, node);
    return Unit{};
  });
}

boost::asio::awaitable<Result<std::optional<WebhookSubscription>>> WebhookOutbox::subscription(
    std::int64_t id) {
  co_return co_await db_.run<std::optional<WebhookSubscription>>(
      [&](soci::session& sql) -> Result<std::optional<WebhookSubscription>> {
        auto found = store::find_webhook(sql, id);
        if (!found) return std::optional<WebhookSubscription>();
        auto secret = keyring_.open(found->secret, webhook_secret_binding(id));
        if (!secret) return Error::internal("the webhook's secret cannot be opened with the data keys");
        return std::optional<WebhookSubscription>(
            WebhookSubscription{id,
                                found->url,
                                *secret,
                                found->purpose,
                                {found->event_types, found->topics, found->mission_id},
                                found->delivered_seq});
      });
}

boost::asio::awaitable<Result<WebhookBatch>> WebhookOutbox::next(WebhookSubscription s, int limit) {
  co_return co_await db_.run<WebhookBatch>([&](soci::session& sql) -> Result<WebhookBatch> {
    soci::transaction tx(sql);
    store::set_principal(sql, scope_principal(s.filter));
    WebhookBatch batch;
    batch.scanned_to = s.delivered_seq;
    for (auto& event : store::events_after(sql, s.delivered_seq, limit)) {
      batch.scanned_to = event.seq;
      if (!takes(s, event)) continue;
      batch.deliveries.push_back(with_consent(sql, s, std::move(event)));
    }
    tx.commit();
    return batch;
  });
}

boost::asio::awaitable<Result<std::optional<WebhookDelivery>>> WebhookOutbox::again(WebhookSubscription s,
                                                                                    std::int64_t seq) {
  co_return co_await db_.run<std::optional<WebhookDelivery>>(
      [&](soci::session& sql) -> Result<std::optional<WebhookDelivery>> {
        soci::transaction tx(sql);
        store::set_principal(sql, scope_principal(s.filter));
        auto event = store::event_at(sql, seq);
        if (!event) return std::optional<WebhookDelivery>();
        auto d = with_consent(sql, s, std::move(*event));
        tx.commit();
        return std::optional<WebhookDelivery>(std::move(d));
      });
}

boost::asio::awaitable<Result<bool>> WebhookOutbox::delivered(std::int64_t id, std::string node,
                                                              std::int64_t up_to,
                                                              std::optional<WebhookDelivery> delivery,
                                                              std::string purpose) {
  co_return co_await db_.run<bool>([&](soci::session& sql) -> Result<bool> {
    soci::transaction tx(sql);
    if (!store::advance_webhook_cursor(sql, id, node, up_to)) return false;
    if (delivery) audit_disclosure(sql, id, purpose, *delivery);
    tx.commit();
    return true;
  });
}

boost::asio::awaitable<Result<bool>> WebhookOutbox::dead_lettered(std::int64_t id, std::string node,
                                                                  std::int64_t seq, int attempts,
                                                                  std::string error) {
  co_return co_await db_.run<bool>([&](soci::session& sql) -> Result<bool> {
    soci::transaction tx(sql);
    if (!store::dead_letter_event(sql, id, node, seq, attempts, error)) return false;
    tx.commit();
    return true;
  });
}

boost::asio::awaitable<Result<std::vector<std::int64_t>>> WebhookOutbox::replays_due(std::int64_t id,
                                                                                     int limit) {
  co_return co_await db_.run<std::vector<std::int64_t>>(
      [&](soci::session& sql) -> Result<std::vector<std::int64_t>> {
        return store::replays_due(sql, id, limit);
      });
}

boost::asio::awaitable<Status> WebhookOutbox::replay_finished(std::int64_t id, std::int64_t seq,
                                                              bool delivered, int attempts, std::string error,
                                                              std::optional<WebhookDelivery> delivery,
                                                              std::string purpose) {
  co_return co_await db_.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    soci::transaction tx(sql);
    store::finish_replay(sql, id, seq, delivered, attempts, error);
    if (delivered && delivery) audit_disclosure(sql, id, purpose, *delivery);
    tx.commit();
    return Unit{};
  });
}

}  // namespace rudi::service
