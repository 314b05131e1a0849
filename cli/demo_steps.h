// The demo's step printer, shared by its jobs (library, course): each step
// prints "  ok   what (detail)" or "  FAIL what: why", and failures count.
#ifndef BLOCKRT_CLI_DEMO_STEPS_H_
#define BLOCKRT_CLI_DEMO_STEPS_H_

#include <functional>
#include <ostream>
#include <string>

#include "base/result.h"
#include "cli/command.h"
#include "contexts/learning_context.h"
#include "runtime/engine.h"

namespace blockrt::cli {

class DemoSteps {
 public:
  explicit DemoSteps(std::ostream* out) : out_(out) {}
  void Run(const std::string& what, const std::function<Result<std::string>()>& fn) {
    Result<std::string> r = fn();
    if (r.ok()) {
      *out_ << "  ok   " << what << (r->empty() ? "" : " (" + *r + ")") << "\n";
    } else {
      ++failed_;
      *out_ << "  FAIL " << what << ": " << r.status().ToString() << "\n";
    }
  }
  int failed() const { return failed_; }

 private:
  std::ostream* out_;
  int failed_ = 0;
};

// "'got'" when `got` equals `want`, else an Internal error saying both.
inline Result<std::string> ExpectText(const Result<std::string>& got, const std::string& want) {
  if (!got.ok()) return got.status();
  if (*got != want) return Status::Internal("expected '" + want + "', got '" + *got + "'");
  return "'" + *got + "'";
}

// Loads and renders every block `ctx` lists for `context_key` in one mode
// as `user`; "N blocks, B bytes of HTML, T us".
Result<std::string> LoadAndRenderAll(runtime::Engine& engine, const contexts::LearningContext& ctx,
                                     std::string_view context_key, runtime::Mode mode,
                                     const char* user);

// The course job of the demo (demo_course_job.cc): the course export in
// `fixtures` imported into the store at `db`, edited, published, loaded and
// rendered in both modes, exported and re-imported under another run.
int RunCourseJob(const Invocation& inv, const std::string& db, const std::string& fixtures);

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_DEMO_STEPS_H_
