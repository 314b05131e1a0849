/* The stable C entry point of shared-object learning-context plugins. A plugin
 * exports `blockrt_context_plugin_v1`, returning a static table; blockrt never
 * frees it. Strings cross the boundary as NUL-terminated UTF-8; results are
 * written into caller buffers, so no allocator is shared. */
#ifndef BLOCKRT_CONTEXTS_PLUGIN_ABI_H_
#define BLOCKRT_CONTEXTS_PLUGIN_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BLOCKRT_CONTEXT_PLUGIN_ABI_VERSION 1u
#define BLOCKRT_CONTEXT_PLUGIN_ENTRY "blockrt_context_plugin_v1"

/* Text results: return the full length (which may exceed `cap`: the caller
 * retries with a bigger buffer), 0 for "none", or a negative value on error. */
typedef struct blockrt_context_plugin {
  uint32_t abi_version;   /* BLOCKRT_CONTEXT_PLUGIN_ABI_VERSION */
  const char* name_space; /* the context key namespace it serves, e.g. "course-v1" */

  /* `params` is the opaque string given at load time. NULL means failure. */
  void* (*create)(const char* params);
  void (*destroy)(void* self);

  /* 1 yes, 0 no. `draft` is "" for published content. */
  int (*can_edit_block)(void* self, const char* user_id, const char* usage_key, const char* draft);
  int (*can_view_block)(void* self, const char* user_id, const char* usage_key, const char* draft);

  /* Writes a "bundle-olx:..." definition locator. */
  long (*definition_for_usage)(void* self, const char* usage_key, const char* draft, char* out,
                               size_t cap);
  /* Writes the child's usage key. */
  long (*usage_for_child_include)(void* self, const char* parent_usage,
                                  const char* parent_definition, const char* link_id,
                                  const char* block_type, const char* definition_id,
                                  const char* usage_hint, char* out, size_t cap);
  /* Optional (may be NULL): newline-separated usage keys. */
  long (*list_blocks)(void* self, const char* context_key, const char* draft, int top_level_only,
                      char* out, size_t cap);
} blockrt_context_plugin;

typedef const blockrt_context_plugin* (*blockrt_context_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* BLOCKRT_CONTEXTS_PLUGIN_ABI_H_ */
