// Maven ordering: the algorithm of Maven's ComparableVersion. A version is
// lower-cased and parsed into a list of items: '.' separates items, '-' and
// every change between digits and letters open a nested list. Numbers
// compare numerically; qualifiers by rank (alpha < beta < milestone < rc =
// cr < snapshot < "" = ga = final = release < sp < any other word, the
// others alphabetically); "a1", "b1", "m1" mean alpha-1, beta-1,
// milestone-1. Trailing "null" items (0, "", empty lists) are dropped, so
// "1.0" = "1" = "1-ga". A number sorts after a qualifier and after a list.
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "stages/scan/deps/version_schemes.hpp"

namespace slipway::scan::deps::detail {

namespace {

struct Item {
  enum class Kind { number, text, list } kind = Kind::list;
  std::string value;  // digits (no leading zeros) or a qualifier
  std::vector<std::unique_ptr<Item>> items;

  [[nodiscard]] bool is_null() const {
    switch (kind) {
      case Kind::number:
        return value == "0";
      case Kind::text:
        return value.empty();
      case Kind::list:
        return items.empty();
    }
    return false;
  }
};

std::unique_ptr<Item> number_item(std::string digits) {
  auto item = std::make_unique<Item>();
  item->kind = Item::Kind::number;
  const std::size_t first = digits.find_first_not_of('0');
  item->value = first == std::string::npos ? "0" : digits.substr(first);
  return item;
}

std::unique_ptr<Item> text_item(std::string value, bool followed_by_digit) {
  if (followed_by_digit && value.size() == 1) {
    if (value == "a") value = "alpha";
    if (value == "b") value = "beta";
    if (value == "m") value = "milestone";
  }
  if (value == "ga" || value == "final" || value == "release") value.clear();
  if (value == "cr") value = "rc";
  auto item = std::make_unique<Item>();
  item->kind = Item::Kind::text;
  item->value = std::move(value);
  return item;
}

std::unique_ptr<Item> parse_item(bool is_digit, const std::string& text) {
  return is_digit ? number_item(text) : text_item(text, false);
}

void normalize(Item& list) {
  for (std::size_t i = list.items.size(); i > 0; --i) {
    Item& last = *list.items[i - 1];
    if (last.is_null()) {
      list.items.erase(list.items.begin() + static_cast<std::ptrdiff_t>(i - 1));
    } else if (last.kind != Item::Kind::list) {
      break;
    }
  }
}

std::unique_ptr<Item> parse(std::string_view input) {
  std::string version;
  for (char c : input) version += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto root = std::make_unique<Item>();
  std::vector<Item*> stack{root.get()};
  Item* list = root.get();
  auto open_list = [&]() {
    auto child = std::make_unique<Item>();
    Item* raw = child.get();
    list->items.push_back(std::move(child));
    list = raw;
    stack.push_back(raw);
  };
  bool is_digit = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < version.size(); ++i) {
    const char c = version[i];
    if (c == '.' || c == '-') {
      if (i == start) {
        list->items.push_back(number_item("0"));
      } else {
        list->items.push_back(parse_item(is_digit, version.substr(start, i - start)));
      }
      start = i + 1;
      if (c == '-') open_list();
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      if (!is_digit && i > start) {
        list->items.push_back(text_item(version.substr(start, i - start), true));
        start = i;
        open_list();
      }
      is_digit = true;
    } else {
      if (is_digit && i > start) {
        list->items.push_back(parse_item(true, version.substr(start, i - start)));
        start = i;
        open_list();
      }
      is_digit = false;
    }
  }
  if (version.size() > start) list->items.push_back(parse_item(is_digit, version.substr(start)));
  while (!stack.empty()) {
    normalize(*stack.back());
    stack.pop_back();
  }
  return root;
}

std::string comparable_qualifier(const std::string& qualifier) {
  static const char* const k_order[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
  for (std::size_t i = 0; i < std::size(k_order); ++i) {
    if (qualifier == k_order[i]) return std::to_string(i);
  }
  return std::to_string(std::size(k_order)) + "-" + qualifier;
}

int compare(const Item* a, const Item* b);

// a compared with "nothing" (the shorter list ran out).
int compare_with_null(const Item& a) {
  switch (a.kind) {
    case Item::Kind::number:
      return a.value == "0" ? 0 : 1;
    case Item::Kind::text:
      return sign(comparable_qualifier(a.value).compare(comparable_qualifier("")));
    case Item::Kind::list:
      return a.items.empty() ? 0 : compare_with_null(*a.items.front());
  }
  return 0;
}

int compare(const Item* a, const Item* b) {
  if (b == nullptr) return compare_with_null(*a);
  switch (a->kind) {
    case Item::Kind::number:
      if (b->kind == Item::Kind::number) return compare_digits(a->value, b->value);
      return 1;
    case Item::Kind::text:
      if (b->kind == Item::Kind::text) {
        return sign(comparable_qualifier(a->value).compare(comparable_qualifier(b->value)));
      }
      return -1;
    case Item::Kind::list:
      if (b->kind == Item::Kind::number) return -1;
      if (b->kind == Item::Kind::text) return 1;
      for (std::size_t i = 0; i < a->items.size() || i < b->items.size(); ++i) {
        const Item* left = i < a->items.size() ? a->items[i].get() : nullptr;
        const Item* right = i < b->items.size() ? b->items[i].get() : nullptr;
        const int result =
            left == nullptr ? (right == nullptr ? 0 : -compare(right, nullptr)) : compare(left, right);
        if (result != 0) return result;
      }
      return 0;
  }
  return 0;
}

}  // namespace

int compare_maven(std::string_view a, std::string_view b) {
  const auto left = parse(a);
  const auto right = parse(b);
  return compare(left.get(), right.get());
}

}  // namespace slipway::scan::deps::detail
