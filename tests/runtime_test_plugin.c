/* A learning-context plugin built by the test suite and loaded by path: it
 * serves "course-v1" keys (block-v1:ORG+COURSE+RUN+type@T+block@ID) from one
 * bundle version given in its parameters "BUNDLE_UUID VERSION VIEWER...". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contexts/plugin_abi.h"

#ifndef TEST_PLUGIN_ABI
#define TEST_PLUGIN_ABI BLOCKRT_CONTEXT_PLUGIN_ABI_VERSION
#endif

typedef struct {
  char bundle[64];
  long version;
  char viewers[256]; /* " alice bob " */
} course_ctx;

static long put(const char* s, char* out, size_t cap) {
  size_t n = strlen(s);
  if (n < cap) memcpy(out, s, n);
  return (long)n;
}

static void* create(const char* params) {
  course_ctx* c = calloc(1, sizeof(course_ctx));
  int used = 0;
  if (c == NULL || sscanf(params, "%63s %ld%n", c->bundle, &c->version, &used) != 2 ||
      c->version <= 0) {
    free(c);
    return NULL;
  }
  snprintf(c->viewers, sizeof c->viewers, "%s ", params + used);
  return c;
}

static void destroy(void* self) { free(self); }

/* Splits "...+type@T+block@ID" into T and ID. */
static int split(const char* key, char* type, char* id) {
  const char* t = strstr(key, "+type@");
  const char* b = strstr(key, "+block@");
  if (strncmp(key, "block-v1:", 9) != 0 || t == NULL || b == NULL || b < t) return 0;
  size_t tl = (size_t)(b - (t + 6));
  if (tl == 0 || tl > 63 || strlen(b + 7) == 0 || strlen(b + 7) > 127) return 0;
  memcpy(type, t + 6, tl);
  type[tl] = 0;
  strcpy(id, b + 7);
  return 1;
}

static int can_view(void* self, const char* user, const char* usage, const char* draft) {
  course_ctx* c = self;
  char needle[80], type[64], id[128];
  (void)draft;
  if (!split(usage, type, id) || user[0] == 0) return 0;
  snprintf(needle, sizeof needle, " %s ", user);
  return strstr(c->viewers, needle) != NULL;
}

static int can_edit(void* self, const char* user, const char* usage, const char* draft) {
  (void)self, (void)user, (void)usage, (void)draft;
  return 0; /* published-only context */
}

static long definition_for_usage(void* self, const char* usage, const char* draft, char* out,
                                 size_t cap) {
  course_ctx* c = self;
  char type[64], id[128], buf[512];
  (void)draft;
  if (!split(usage, type, id)) return 0;
  snprintf(buf, sizeof buf, "bundle-olx:%s:%ld:%s:%s/%s/definition.xml", c->bundle, c->version,
           type, type, id);
  return put(buf, out, cap);
}

static long usage_for_child_include(void* self, const char* parent, const char* parent_def,
                                    const char* link, const char* type, const char* def_id,
                                    const char* hint, char* out, size_t cap) {
  char ptype[64], pid[128], buf[512];
  (void)self, (void)parent_def;
  if (link[0] != 0 || !split(parent, ptype, pid)) return -1; /* no links here */
  size_t prefix = (size_t)(strstr(parent, "+type@") - parent);
  snprintf(buf, sizeof buf, "%.*s+type@%s+block@%s", (int)prefix, parent, type,
           hint[0] ? hint : def_id);
  return put(buf, out, cap);
}

static const blockrt_context_plugin kPlugin = {
    TEST_PLUGIN_ABI,         "course-v1", create, destroy, can_edit, can_view, definition_for_usage,
    usage_for_child_include, NULL,
};

const blockrt_context_plugin* blockrt_context_plugin_v1(void) { return &kPlugin; }
