#include "service/webhooks.hpp"

#include <soci/soci.h>

#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "domain/webhook_subscription.hpp"
#include "service/audit_trail.hpp"
#include "service/authorised.hpp"
#include "store/audit_repository.hpp"
#include "store/event_log.hpp"
#include "store/mission_repository.hpp"

namespace rudi::service {
namespace {
using auth::Action;
using auth::Resource;

auth::ResourceScope webhooks_scope() {
  return {Resource::webhook, std::nullopt, {}, false, true};
}

}  // namespace

std::string webhook_secret_binding(std::int64_t webhook_id) {
  return "webhook:" + std::to_string(webhook_id) + ":secret";
}

std::vector<FieldError> Webhooks::check_draft(const WebhookDraft& d) const {
  std::vector<FieldError> errors;
  const auto name_length = auth::utf8_length(d.name);
  if (!name_length || *name_length < 1 || *name_length > 200)
    errors.push_back({"/name", "1 to 200 characters"});
  if (auto url = parse_webhook_url(d.url, settings_.allow_http); !url) {
    for (const auto& f : url.error().fields) errors.push_back(f);
  }
  if (!is_consent_purpose(d.purpose))
    errors.push_back({"/purpose", "one of prosecution, family_contact, partner_referral, statistics"});
  for (auto& f : check_webhook_filter({d.event_types, d.topics, d.mission_id}))
    errors.push_back(std::move(f));
  return errors;
}

boost::asio::awaitable<Result<CreatedWebhook>> Webhooks::create(auth::Principal actor, WebhookDraft draft,
                                                                std::string request_id) {
  if (const auto decision = auth::decide(actor, Action::create, webhooks_scope()); !decision.allowed()) {
    co_return co_await refuse(db_, actor, decision, Action::create, Resource::webhook, std::nullopt,
                              request_id);
  }
  if (auto errors = check_draft(draft); !errors.empty()) {
    co_return Error::invalid("the webhook cannot be created as given", std::move(errors));
  }
  const std::string secret = "whsec_" + auth::random_token(32);
  co_return co_await db_.run<CreatedWebhook>([&](soci::session& sql) -> Result<CreatedWebhook> {
    soci::transaction tx(sql);
    if (draft.mission_id) {
      bool known = false;
      for (const auto& m : store::list_missions(sql)) known = known || m.id == *draft.mission_id;
      if (!known) return Error::invalid("no such mission", {{"/mission_id", "no such mission"}});
    }
    store::WebhookRecord w;
    w.id = store::next_webhook_id(sql);
    w.name = draft.name;
    w.url = draft.url;
    w.event_types = draft.event_types;
    w.topics = draft.topics;
    w.purpose = draft.purpose;
    w.mission_id = draft.mission_id;
    w.secret = keyring_.seal(secret, webhook_secret_binding(w.id));
    // A new subscription takes what happens from now on; it does not replay the past.
    w.delivered_seq = store::latest_event_seq(sql);
    if (actor.user_id) w.created_by = actor.user_id;
    store::insert_webhook(sql, w);
    auto entry = audit_entry(actor, "webhook.create", "webhook", std::to_string(w.id), request_id);
    entry.details = {{"purpose", w.purpose},
                     {"mission_id", w.mission_id ? nlohmann::json(*w.mission_id) : nlohmann::json()}};
    store::append_audit(sql, entry);
    auto stored = store::find_webhook(sql, w.id);
    tx.commit();
    return CreatedWebhook{*stored, secret};
  });
}

boost::asio::awaitable<Result<std::vector<store::WebhookRecord>>> Webhooks::list(auth::Principal actor,
                                                                                 std::string request_id) {
  co_return co_await run_authorised<std::vector<store::WebhookRecord>>(
      db_, actor, Action::list, webhooks_scope(), std::nullopt, request_id,
      [](soci::session& sql) -> Result<std::vector<store::WebhookRecord>> {
        return store::list_webhooks(sql);
      });
}

boost::asio::awaitable<Result<store::WebhookRecord>> Webhooks::get(auth::Principal actor, std::int64_t id,
                                                                   std::string request_id) {
  co_return co_await run_authorised<store::WebhookRecord>(
      db_, actor, Action::read, webhooks_scope(), std::to_string(id), request_id,
      [&](soci::session& sql) -> Result<store::WebhookRecord> {
        auto found = store::find_webhook(sql, id);
        if (!found) return Error::not_found("no such webhook");
        return *found;
      });
}

boost::asio::awaitable<Status> Webhooks::remove(auth::Principal actor, std::int64_t id,
                                                std::string request_id) {
  co_return co_await run_authorised<Unit>(
      db_, actor, Action::administer, webhooks_scope(), std::to_string(id), request_id,
      [&](soci::session& sql) -> Result<Unit> {
        soci::transaction tx(sql);
        if (!store::delete_webhook(sql, id)) return Error::not_found("no such webhook");
        store::append_audit(sql,
                            audit_entry(actor, "webhook.delete", "webhook", std::to_string(id), request_id));
        tx.commit();
        return Unit{};
      });
}

boost::asio::awaitable<Result<std::vector<store::DeadLetter>>> Webhooks::dead_letters(
    auth::Principal actor, std::int64_t id, int limit, std::string request_id) {
  co_return co_await run_authorised<std::vector<store::DeadLetter>>(
      db_, actor, Action::read, webhooks_scope(), std::to_string(id), request_id,
      [&](soci::session& sql) -> Result<std::vector<store::DeadLetter>> {
        if (!store::find_webhook(sql, id)) return Error::not_found("no such webhook");
        return store::dead_letters_of(sql, id, std::clamp(limit, 1, 1000));
      });
}

boost::asio::awaitable<Result<int>> Webhooks::replay(auth::Principal actor, std::int64_t id,
                                                     std::optional<std::int64_t> dead_letter_id,
                                                     std::string request_id) {
  co_return co_await run_authorised<int>(
      db_, actor, Action::administer, webhooks_scope(), std::to_string(id), request_id,
      [&](soci::session& sql) -> Result<int> {
        soci::transaction tx(sql);
        if (!store::find_webhook(sql, id)) return Error::not_found("no such webhook");
        const int asked = store::request_replay(sql, id, dead_letter_id);
        if (dead_letter_id && asked == 0) return Error::not_found("no such dead letter waiting for a replay");
        auto entry = audit_entry(actor, "webhook.replay", "webhook", std::to_string(id), request_id);
        entry.details = {{"dead_letters", asked}};
        store::append_audit(sql, entry);
        tx.commit();
        return asked;
      });
}

}  // namespace rudi::service
