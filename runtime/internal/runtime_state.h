// What one Runtime keeps between calls: its sessions with learning contexts,
// the render memo, signed asset URLs, scratch buffers, the render in
// progress and ephemeral learner state. Kept out of runtime.h so callers see
// the runtime's contract, not its caches. Not thread-safe (one per Runtime).
#ifndef BLOCKRT_RUNTIME_INTERNAL_RUNTIME_STATE_H_
#define BLOCKRT_RUNTIME_INTERNAL_RUNTIME_STATE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "contexts/learning_context.h"
#include "keys/key.h"
#include "runtime/internal/render_memo.h"

namespace blockrt::runtime::internal {

struct RuntimeState {
  // The context of the last kind of key looked up (contexts are never
  // unregistered, so the pointer stays valid) and each context's session.
  keys::KeyKind last_kind = keys::KeyKind::kCourseLocator;
  contexts::LearningContext* last_context = nullptr;
  std::vector<
      std::pair<const contexts::LearningContext*, std::unique_ptr<contexts::ContextSession>>>
      sessions;
  // Handler tokens already signed (they only change every 2 days, and HMAC
  // dominates a problem's render) and problem views up to the user-specific
  // actions (CAPA markup is read once per parsed definition).
  RenderMemo memo;
  // Signed asset URLs: "bundle/version/path" -> (expiry, URL). Expiries are
  // rounded up to a minute, so a URL is reused (and cacheable) for a while.
  std::unordered_map<std::string, std::pair<int64_t, std::string>> asset_urls;
  std::string leaf_scratch;       // a leaf's own view before /static/ rewriting
  size_t render_size_hint = 256;  // the last render's size, with some room
  std::string problem_scratch;    // a problem's markup before it is memoized
  // The render in progress: blocks visited (bounded per render) and the
  // containers above the block being rendered (a cycle guard).
  size_t render_blocks = 0;
  std::vector<const keys::Key*> render_path;
  // Ephemeral learner state: "usage key" -> field -> JSON.
  std::map<std::string, std::map<std::string, std::string>> ephemeral_state;
  // Events loads published, for the sink (or TakeEvents() when none is set).
  std::function<void(const contexts::TrackingEvent&)> event_sink;
  std::vector<contexts::TrackingEvent> events;
};

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_RUNTIME_STATE_H_
