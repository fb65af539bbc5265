#include "app/webhook_commands.hpp"

#include <iostream>

#include "app/cli_runtime.hpp"
#include "auth/secret_box.hpp"
#include "service/webhooks.hpp"

namespace rudi::app {
namespace {

// Only `add` seals a secret and needs the data keys; the other commands are given a keyring of a fresh,
// throwaway key, which they never use.
Result<auth::Keyring> keyring_for(const Config& config) {
  if (!config.security.data_keys.empty())
    return auth::Keyring::parse(config.security.data_keys, config.security.blind_index_key);
  return auth::Keyring::parse("unused:" + auth::new_key_base64(), auth::new_key_base64());
}

template <class Act>
int with_webhooks(const Config& config, Act act) {
  auto runtime = CliRuntime::open(config);
  if (!runtime) return report_error(runtime.error());
  auto keyring = keyring_for(config);
  if (!keyring) return report_error(keyring.error());
  service::Webhooks webhooks((*runtime)->db(), *keyring, {config.webhook_delivery.allow_http});
  return act(**runtime, webhooks);
}

void print(const store::WebhookRecord& w) {
  std::cout << w.id << "\t" << w.name << "\t" << w.url << "\t" << w.purpose << "\t"
            << (w.mission_id ? "mission " + std::to_string(*w.mission_id) : std::string("nation")) << "\t"
            << "delivered to " << w.delivered_seq << "\t" << w.dead_letters << " dead letters\n";
}

}  // namespace

int run_webhook_add(const Config& config) {
  return with_webhooks(config, [&](CliRuntime& rt, service::Webhooks& webhooks) {
    const auto& w = config.webhook;
    service::WebhookDraft draft{
        w.name,   w.url,     w.event_types,
        w.topics, w.purpose, w.mission_id > 0 ? std::optional<std::int64_t>(w.mission_id) : std::nullopt};
    auto created = rt.run(webhooks.create(CliRuntime::system(), draft, "cli"));
    if (!created) return report_error(created.error());
    std::cerr << "webhook " << created->record.id << " for " << created->record.url
              << "; its signing secret is shown once, here (give it to the receiver):\n";
    std::cout << created->secret << "\n";
    return 0;
  });
}

int run_webhook_list(const Config& config) {
  return with_webhooks(config, [&](CliRuntime& rt, service::Webhooks& webhooks) {
    auto found = rt.run(webhooks.list(CliRuntime::system(), "cli"));
    if (!found) return report_error(found.error());
    for (const auto& w : *found) print(w);
    return 0;
  });
}

int run_webhook_remove(const Config& config) {
  return with_webhooks(config, [&](CliRuntime& rt, service::Webhooks& webhooks) {
    auto done = rt.run(webhooks.remove(CliRuntime::system(), config.webhook.id, "cli"));
    if (!done) return report_error(done.error());
    std::cout << "removed webhook " << config.webhook.id << "\n";
    return 0;
  });
}

int run_webhook_dead_letters(const Config& config) {
  return with_webhooks(config, [&](CliRuntime& rt, service::Webhooks& webhooks) {
    auto found =
        rt.run(webhooks.dead_letters(CliRuntime::system(), config.webhook.id, config.webhook.limit, "cli"));
    if (!found) return report_error(found.error());
    for (const auto& d : *found) {
      std::cout << d.id << "\tseq " << d.seq << "\t" << d.event_type << "\t" << d.state << "\t" << d.attempts
                << " tries\t" << d.last_error << "\t" << d.dead_at << "\n";
    }
    return 0;
  });
}

int run_webhook_replay(const Config& config) {
  return with_webhooks(config, [&](CliRuntime& rt, service::Webhooks& webhooks) {
    const auto one = config.webhook.dead_letter_id > 0
                         ? std::optional<std::int64_t>(config.webhook.dead_letter_id)
                         : std::nullopt;
    auto asked = rt.run(webhooks.replay(CliRuntime::system(), config.webhook.id, one, "cli"));
    if (!asked) return report_error(asked.error());
    std::cout << *asked << " dead letters will be delivered again\n";
    return 0;
  });
}

}  // namespace rudi::app
