// What of a block's authored fields a user may read. The LMS gives learners
// the student view and the settings that describe the block; the content
// scope (a problem's data is its whole CAPA markup: correct="true",
// <solution>, hints, answer attributes) and settings that restate it are for
// staff only.
#include "runtime/runtime.h"

namespace blockrt::runtime {
namespace {

// Settings that hold (a copy of) the authored content, answers included.
bool RestatesContent(std::string_view name) { return name == "markdown" || name == "source_code"; }

// A learner may read a settings field the block's schema declares, unless
// it restates the content. Attributes the schema does not know are not
// shown: nothing says what they hold.
bool LearnerMaySee(const Block& block, const TypedField& f) {
  if (f.scope != olx::FieldScope::kSettings || RestatesContent(f.name)) return false;
  const olx::BlockSchema* schema = olx::FindBlockSchema(block.block_type());
  return schema != nullptr && olx::FindFieldSpec(*schema, f.name) != nullptr;
}

}  // namespace

bool Runtime::SeesAuthoredContent(const Block& block) const {
  // Studio loads already required edit rights; no user is a trusted caller
  // (authoring tools, batch jobs), as everywhere in the runtime.
  if (mode_ == Mode::kStudio || user_.is_none()) return true;
  if (user_.is_anonymous()) return false;
  Result<ContextAndSession> cs = ContextOf(block.usage_key().view());
  if (!cs.ok()) return false;
  return cs->context->CanEditBlock(user_, block.usage_key().view(),
                                   contexts::ContentSelector{draft()});
}

std::vector<TypedField> Runtime::VisibleFields(const Block& block, olx::FieldScope scope) const {
  std::vector<TypedField> fields = block.Fields(scope);
  if (SeesAuthoredContent(block)) return fields;
  std::vector<TypedField> out;
  for (TypedField& f : fields) {
    if (LearnerMaySee(block, f)) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace blockrt::runtime
