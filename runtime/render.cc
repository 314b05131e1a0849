// Runtime::Render: dispatch by block type, containers render their children in
// include order, and each block's own /static/ references become signed URLs
// of that block's assets.
#include <algorithm>
#include <optional>
#include <string>

#include "runtime/internal/html_escape.h"
#include "runtime/internal/renderers.h"
#include "runtime/internal/runtime_state.h"
#include "runtime/internal/static_urls.h"
#include "runtime/runtime.h"

namespace blockrt::runtime {
namespace {

constexpr int kMaxRenderDepth = 32;
// Blocks one render may visit. Including the same child twice per level
// doubles the page at every level (2^depth); a real page has at most a few
// thousand blocks, so past this the render stops with an error instead of
// growing without bound.
constexpr size_t kMaxRenderBlocks = 20000;

void OpenWrapper(const Block& block, std::string_view view, std::string* html) {
  html->append("<div class=\"xblock xblock-").append(view).append("\" data-block-type=\"");
  internal::AppendEscaped(block.block_type(), html);
  html->append("\" data-usage-id=\"");
  internal::AppendEscaped(block.usage_key().text(), html);
  html->append("\">");
}

// Learners see that a child is unavailable, never why: the reason names
// bundle uuids, store paths and link names (authors in Studio get it all).
void ErrorPlaceholder(std::string_view key, const Status& st, bool show_reason, std::string* html) {
  html->append("<div class=\"xblock-error\" data-usage-id=\"");
  internal::AppendEscaped(key, html);
  html->append("\">");
  internal::AppendEscaped(show_reason ? st.ToString() : std::string("This content is unavailable."),
                          html);
  html->append("</div>");
}

}  // namespace

Result<std::string_view> Runtime::ProblemMarkup(const Block& block) const {
  if (const std::string_view* html = state_->memo.FindProblemView(&block.olx())) return *html;
  state_->problem_scratch.clear();
  BLOCKRT_RETURN_IF_ERROR(internal::RenderProblemMarkup(block, &state_->problem_scratch));
  return state_->memo.PutProblemView(block.shared_olx(), state_->problem_scratch);
}

Result<Fragment> Runtime::Render(const Block& block, std::string_view view) const {
  // author_view falls back to student_view, as render_block_view does.
  std::string_view effective = view == "author_view" ? std::string_view("student_view") : view;
  if (effective != "student_view" && effective != "public_view") {
    return Status::NotSupported("no view '" + std::string(view) + "' for " +
                                block.usage_key().ToString() +
                                " (student_view, public_view, author_view)");
  }
  if ((user_.is_none() || user_.is_anonymous()) && effective != "public_view") {
    return Status::PermissionDenied(
        "anonymous users (or no user) can only render public_view, not " + std::string(view));
  }
  state_->memo.Trim();  // no view of the memo is held between renders
  Fragment out;
  // Sized like the previous render: one allocation instead of a string
  // doubling its way up (large reallocations also make malloc consolidate
  // its free lists, walking memory the render does not otherwise touch).
  out.content.reserve(state_->render_size_hint);
  state_->render_blocks = 0;
  state_->render_path.clear();
  Status st = RenderInto(block, effective, 0, &out);
  if (state_->render_blocks > kMaxRenderBlocks) {
    return Status::FailedPrecondition(
        "render of " + block.usage_key().text() + " stopped after " +
        std::to_string(kMaxRenderBlocks) +
        " blocks (a block includes the same children many times over?)");
  }
  BLOCKRT_RETURN_IF_ERROR(st);
  state_->render_size_hint = std::max<size_t>(out.content.size() + out.content.size() / 8, 256);
  return out;
}

Status Runtime::RenderInto(const Block& block, std::string_view view, int depth,
                           Fragment* out) const {
  std::string& html = out->content;
  const size_t mark = html.size();
  if (++state_->render_blocks > kMaxRenderBlocks) {
    // Render() reports it; every level above stops at once.
    return Status::FailedPrecondition("render block budget exhausted");
  }
  Status st = RenderBlock(block, view, depth, out);
  if (!st.ok()) html.resize(mark);  // never leave half a block behind
  return st;
}

Status Runtime::RenderBlock(const Block& block, std::string_view view, int depth,
                            Fragment* out) const {
  std::string& html = out->content;
  OpenWrapper(block, view, &html);
  const std::string& type = block.block_type();
  if (internal::IsContainerType(type)) {
    html.append("<div class=\"").append(type == "sequential" ? "sequence" : "vert-mod");
    html.append("\"><h2 class=\"display-name\">");
    internal::AppendEscaped(block.display_name_view(), &html);
    html.append("</h2>");
    if (!block.children().empty() && depth + 1 < kMaxRenderDepth) {
      Result<ContextAndSession> cs = ContextOf(block.children().front().view());
      if (cs.ok()) {
        cs->context->PrefetchUsages(cs->session, block.children(),
                                    contexts::ContentSelector{draft()});
      }
    }
    for (size_t i = 0; i < block.children().size(); ++i) {
      html.append("<div class=\"vert vert-").append(std::to_string(i)).append("\">");
      Status st;
      const keys::Key& child_key = block.children()[i];
      // A stored bundle may hold a cycle written before cycles were refused:
      // a block never renders inside itself.
      const bool cycle =
          child_key.text() == block.usage_key().text() ||
          std::any_of(state_->render_path.begin(), state_->render_path.end(),
                      [&](const keys::Key* k) { return k->text() == child_key.text(); });
      if (cycle) {
        st = Status::FailedPrecondition("include cycle: " + child_key.text() + " includes itself");
      } else if (depth + 1 >= kMaxRenderDepth) {
        st = Status::FailedPrecondition("render depth limit of " + std::to_string(kMaxRenderDepth) +
                                        " levels reached");
      } else {
        Result<Block> child = Load(keys::Key(block.children()[i]), &block.usage_key(), false);
        state_->render_path.push_back(&block.usage_key());
        st = child.ok() ? RenderInto(*child, view, depth + 1, out) : child.status();
        state_->render_path.pop_back();
        if (state_->render_blocks > kMaxRenderBlocks) return st;  // the whole render stops
      }
      // A missing child (dangling include) must not hide its siblings.
      if (!st.ok()) {
        ErrorPlaceholder(block.children()[i].text(), st, mode_ == Mode::kStudio, &html);
      }
      html.append("</div>");
    }
    html.append("</div></div>");
    return Status::OK();
  }

  // A leaf renders straight into the page; only a view that references
  // /static/ is taken out again to be rewritten (most have none).
  const size_t start = html.size();
  std::string& own = html;
  if (type == "html") {
    std::string file_body;
    const std::string* filename = block.RawField("filename");
    const std::string* data = block.olx().data();
    if ((data == nullptr || data->empty()) && filename != nullptr && !filename->empty()) {
      // Legacy filename="X": the bundle runtime keeps the body as asset X.html.
      Result<std::string> body = ReadOwnAsset(block, *filename + ".html");
      if (body.ok()) file_body = std::move(*body);
    }
    internal::RenderHtmlBody(block, file_body, &own);
  } else if (type == "problem") {
    std::string_view actions;
    if (!user_.is_none() && !user_.is_anonymous()) {
      Result<std::string_view> memoized = ProblemActions(block);
      if (memoized.ok()) actions = *memoized;
    }
    BLOCKRT_ASSIGN_OR_RETURN(std::string_view markup, ProblemMarkup(block));
    own.append(markup);
    if (actions.empty()) {
      internal::AppendProblemActions({}, &own);  // no handler URL: no button
    } else {
      own.append(actions);
    }
    out->AddResource(system_->problem_script());
  } else if (type == "video") {
    BLOCKRT_RETURN_IF_ERROR(internal::RenderVideoBody(block, &own));
    out->AddResource(system_->video_script());
  } else {
    internal::RenderGenericBody(block, &own);
  }
  const size_t first_ref = internal::FindStaticRef(html, start);
  if (first_ref != std::string_view::npos) {
    // Only the text from the first reference on is rewritten. Leaves do not
    // recurse, so one buffer serves every leaf of a page.
    std::string& view = state_->leaf_scratch;
    view.assign(html, first_ref, std::string::npos);
    html.resize(first_ref);
    internal::AppendRewrittenStaticUrls(
        view, [&](std::string_view name) { return FindAssetUrl(block, name); }, &html);
  }
  html.append("</div>");
  return Status::OK();
}

}  // namespace blockrt::runtime
