// FlatXml: a small XML tree in flat arrays, for the markup the problem view
// re-reads on every first render. It parses only a strict, common subset and
// builds exactly the tree pugixml builds for it with
// parse_default | parse_ws_pcdata_single (which the view used to re-parse
// with): elements, attributes, text with the predefined and numeric character
// references, CDATA and comments. Anything else (a DOCTYPE or processing
// instruction, '\r', NUL, another entity, a mismatched tag...) makes Parse()
// return false so the caller falls back to pugixml, which then decides,
// errors included. The tree reuses its buffers: parsing allocates nothing once
// they have grown.
#ifndef BLOCKRT_RUNTIME_INTERNAL_FLAT_XML_H_
#define BLOCKRT_RUNTIME_INTERNAL_FLAT_XML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/internal/problem_writer.h"

namespace blockrt::runtime::internal {

class FlatXml {
 public:
  struct NodeData {
    XmlKind kind = XmlKind::kOther;                              // kOther: the document node
    std::string_view name;                                       // elements
    std::string_view value;                                      // text
    uint32_t first_child = 0, last_child = 0, next_sibling = 0;  // 0 = none
    uint32_t first_attr = 0, num_attrs = 0;
  };
  struct AttrData {
    std::string_view name, value;
  };

  // Parses `markup` (which must outlive the tree). False when it is outside
  // the subset; the tree is then unusable.
  bool Parse(std::string_view markup);

  // The adapter ProblemWriter renders through. Node 0 is the document.
  struct Node {
    const FlatXml* doc = nullptr;
    uint32_t index = 0;
    explicit operator bool() const { return doc != nullptr; }
    const NodeData& data() const { return doc->nodes_[index]; }
  };
  Node root() const { return Node{this, 0}; }

  static XmlKind Kind(Node n) { return n.data().kind; }
  static std::string_view Name(Node n) { return n.data().name; }
  static std::string_view Value(Node n) { return n.data().value; }
  static Node FirstChild(Node n) { return At(n.doc, n.data().first_child); }
  static Node NextSibling(Node n) { return At(n.doc, n.data().next_sibling); }
  static bool Attr(Node n, std::string_view name, std::string_view* value);
  template <typename Fn>
  static void ForEachAttr(Node n, Fn&& fn) {
    const NodeData& d = n.data();
    for (uint32_t i = 0; i < d.num_attrs; ++i) {
      const AttrData& a = n.doc->attrs_[d.first_attr + i];
      fn(a.name, a.value);
    }
  }
  static std::string_view TextOf(Node n);

 private:
  static Node At(const FlatXml* doc, uint32_t index) {
    return index == 0 ? Node{} : Node{doc, index};
  }
  // Appends a child of `parent`; returns its index.
  uint32_t AddNode(uint32_t parent, XmlKind kind);
  // `raw` with references decoded (and, in attributes, whitespace turned into
  // spaces): a view of `raw` itself when nothing changes, else of text_.
  // False for anything outside the subset.
  bool Decode(std::string_view raw, bool attribute, std::string_view* out);

  std::vector<NodeData> nodes_;
  std::vector<AttrData> attrs_;
  std::vector<uint32_t> open_;  // the elements not closed yet
  std::string text_;            // decoded values; reserved so views stay valid
};

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_FLAT_XML_H_
