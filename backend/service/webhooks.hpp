// What administrators do with outbound webhooks: subscribe a receiver, list and remove subscriptions, see
// a subscription's dead letters and ask for them to be delivered again. Administrators only; every act and
// every refusal is audited. The signing secret is made here, sealed with the data keys, and shown once.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/secret_box.hpp"
#include "store/database.hpp"
#include "store/webhook_repository.hpp"

namespace rudi::service {

struct WebhookDraft {
  std::string name;
  std::string url;
  std::vector<std::string> event_types;    // none: every deliverable type
  std::vector<std::string> topics;         // none: every topic of the scope
  std::string purpose;                     // a consent purpose
  std::optional<std::int64_t> mission_id;  // none: the nation
};

struct CreatedWebhook {
  store::WebhookRecord record;
  std::string secret;  // shown once; Rudi keeps it sealed, to sign with
};

struct WebhookSettings {
  bool allow_http = false;  // plain http to loopback addresses, for tests
};

class Webhooks {
 public:
  Webhooks(store::Database& db, const auth::Keyring& keyring, WebhookSettings settings)
      : db_(db), keyring_(keyring), settings_(settings) {}

  // Field errors of a draft, before anything is written.
  std::vector<FieldError> check_draft(const WebhookDraft& draft) const;

  boost::asio::awaitable<Result<CreatedWebhook>> create(auth::Principal actor, WebhookDraft draft,
                                                        std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::WebhookRecord>>> list(auth::Principal actor,
                                                                         std::string request_id);
  boost::asio::awaitable<Result<store::WebhookRecord>> get(auth::Principal actor, std::int64_t id,
                                                           std::string request_id);
  boost::asio::awaitable<Status> remove(auth::Principal actor, std::int64_t id, std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::DeadLetter>>> dead_letters(auth::Principal actor,
                                                                              std::int64_t id, int limit,
                                                                              std::string request_id);
  // Asks the delivering node to try one dead letter (or every one) again; returns how many were asked.
  boost::asio::awaitable<Result<int>> replay(auth::Principal actor, std::int64_t id,
                                             std::optional<std::int64_t> dead_letter_id,
                                             std::string request_id);

 private:
  store::Database& db_;
  const auth::Keyring& keyring_;
  WebhookSettings settings_;
};

// What a webhook's secret is bound to when sealed, so that it cannot be moved to another subscription.
std::string webhook_secret_binding(std::int64_t webhook_id);

}  // namespace rudi::service
