// Countries, regions, former countries and currencies from Debian's iso-codes JSON (ISO 3166-1, ISO 3166-2,
// ISO 3166-3, ISO 4217).
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "reference/csv_file.h"
#include "reference/reference_impl.h"
#include "tradeshock/error.h"

namespace tradeshock::reference_internal {
namespace {

// One iso-codes entry: its string members in file order.
using IsoEntry = std::vector<std::pair<std::string, std::string>>;

// Collects the string members of the objects in {"<key>": [ {...}, ... ]}. A SAX pass rather than a DOM:
// the ISO 3166-2 file is half a megabyte and this runs on every CLI start.
class IsoListReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit IsoListReader(std::string_view list_key) : list_key_(list_key) {}

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& value) override {
    if (depth_ == 3 && in_list_) entries_.back().emplace_back(std::move(key_), std::move(value));
    return true;
  }
  bool key(string_t& value) override {
    if (depth_ == 1) in_list_ = value == list_key_;
    key_ = std::move(value);
    return true;
  }
  bool start_object(std::size_t) override {
    ++depth_;
    if (depth_ == 3 && in_list_) entries_.emplace_back();
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    found_list_ = found_list_ || (depth_ == 1 && in_list_);
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    error_position_ = position;
    return false;
  }

  std::vector<IsoEntry>& entries() { return entries_; }
  bool found_list() const { return found_list_; }
  std::size_t error_position() const { return error_position_; }

 private:
  std::string list_key_;
  std::string key_;
  // Objects and arrays open around the current token: the root object is 1, the list 2, an entry 3.
  int depth_ = 0;
  bool in_list_ = false;
  bool found_list_ = false;
  std::size_t error_position_ = 0;
  std::vector<IsoEntry> entries_;
};

std::vector<IsoEntry> ReadIsoList(const std::filesystem::path& path, const char* list_key) {
  const std::string content = ReadWholeFile(path);
  IsoListReader reader(list_key);
  if (!nlohmann::json::sax_parse(content, &reader)) {
    throw Error(fmt::format("reference file '{}' is not valid JSON (byte {})", path.string(), reader.error_position()));
  }
  if (!reader.found_list()) {
    throw Error(
        fmt::format("reference file '{}' has no \"{}\" list: is it an iso-codes JSON file?", path.string(), list_key));
  }
  return std::move(reader.entries());
}

const std::string* FindField(const IsoEntry& entry, std::string_view name) {
  for (const auto& [key, value] : entry) {
    if (key == name) return &value;
  }
  return nullptr;
}

// A required member; garbled entries name the file and the entry's position.
std::string Field(const IsoEntry& entry, std::string_view name, const std::filesystem::path& path,
                  std::size_t position) {
  const std::string* value = FindField(entry, name);
  if (value == nullptr || value->empty()) {
    throw Error(fmt::format("reference file '{}', entry {}: missing \"{}\"", path.string(), position + 1, name));
  }
  return *value;
}

std::string OptionalField(const IsoEntry& entry, std::string_view name) {
  const std::string* value = FindField(entry, name);
  return value == nullptr ? std::string() : *value;
}

void Index(Reference::Impl& impl, std::string_view text, const Economy* economy) {
  if (!text.empty()) impl.economy_index.emplace(EconomyKey(text), economy);
}

}  // namespace

std::string UpperAscii(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

std::string EconomyKey(std::string_view text) {
  std::string key = UpperAscii(text);
  if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos) {
    const std::size_t first = key.find_first_not_of('0');
    key = first == std::string::npos ? "0" : key.substr(first);
  }
  return key;
}

void LoadIsoCodes(const std::filesystem::path& iso_codes_dir, Reference::Impl& impl) {
  impl.economy_index.reserve(16384);  // ~250 countries x 5 keys + ~5,000 regions x 2 keys, without rehashing
  Economy world;
  world.code = "WLD";
  world.name = "World";
  world.name_in_text = "the world";
  world.kind = EconomyKind::kWorld;
  impl.economies.push_back(std::move(world));
  Index(impl, "WLD", &impl.economies.back());
  Index(impl, "World", &impl.economies.back());

  const auto countries_path = iso_codes_dir / "iso_3166-1.json";
  const std::vector<IsoEntry> countries = ReadIsoList(countries_path, "3166-1");
  std::unordered_map<std::string, std::string> alpha3_of_alpha2;
  std::vector<std::pair<const Economy*, const IsoEntry*>> added;
  for (std::size_t i = 0; i < countries.size(); ++i) {
    const IsoEntry& entry = countries[i];
    Economy economy;
    economy.code = Field(entry, "alpha_3", countries_path, i);
    economy.name = Field(entry, "name", countries_path, i);
    economy.kind = EconomyKind::kCountry;
    economy.alpha2 = Field(entry, "alpha_2", countries_path, i);
    economy.numeric = Field(entry, "numeric", countries_path, i);
    // iso-codes' common name ("Vietnam" for "Viet Nam") reads better in a sentence; economy_names_in_text.csv
    // may still replace it.
    economy.name_in_text = OptionalField(entry, "common_name");
    alpha3_of_alpha2.emplace(economy.alpha2, economy.code);
    impl.economies.push_back(std::move(economy));
    added.emplace_back(&impl.economies.back(), &entry);
  }
  // Every code before any name, so that no name can shadow a code.
  for (const auto& [economy, entry] : added) {
    Index(impl, economy->code, economy);
    Index(impl, economy->alpha2, economy);
    Index(impl, economy->numeric, economy);
  }
  for (const auto& [economy, entry] : added) {
    Index(impl, economy->name, economy);
    Index(impl, OptionalField(*entry, "common_name"), economy);
    Index(impl, OptionalField(*entry, "official_name"), economy);
  }

  const auto regions_path = iso_codes_dir / "iso_3166-2.json";
  const std::vector<IsoEntry> regions = ReadIsoList(regions_path, "3166-2");
  std::vector<const Economy*> added_regions;
  added_regions.reserve(regions.size());
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const IsoEntry& entry = regions[i];
    Economy region;
    region.code = Field(entry, "code", regions_path, i);
    region.name = Field(entry, "name", regions_path, i);
    region.kind = EconomyKind::kSubdivision;
    const auto country = alpha3_of_alpha2.find(region.code.substr(0, region.code.find('-')));
    if (country == alpha3_of_alpha2.end()) {
      throw Error(fmt::format("reference file '{}', entry {}: region '{}' belongs to no ISO 3166-1 country",
                              regions_path.string(), i + 1, region.code));
    }
    region.country = country->second;
    impl.economies.push_back(std::move(region));
    added_regions.push_back(&impl.economies.back());
    Index(impl, added_regions.back()->code, added_regions.back());
  }
  // Former countries are no economy of their own here; a BACI code list may still name them.
  const auto former_path = iso_codes_dir / "iso_3166-3.json";
  const std::vector<IsoEntry> former = ReadIsoList(former_path, "3166-3");
  for (std::size_t i = 0; i < former.size(); ++i)
    impl.former_alpha3.insert(Field(former[i], "alpha_3", former_path, i));
  const auto currencies_path = iso_codes_dir / "iso_4217.json";
  const std::vector<IsoEntry> currencies = ReadIsoList(currencies_path, "4217");
  for (std::size_t i = 0; i < currencies.size(); ++i) {
    impl.currencies.emplace(Field(currencies[i], "alpha_3", currencies_path, i),
                            Field(currencies[i], "name", currencies_path, i));
  }
}

void IndexRegionNames(Reference::Impl& impl) {
  // Only names that a single region has: "Georgia" stays the country, and a name shared by two regions
  // resolves to neither (nullptr marks those).
  std::unordered_map<std::string, const Economy*> names;
  names.reserve(8192);
  for (const Economy& economy : impl.economies) {
    if (economy.kind != EconomyKind::kSubdivision) continue;
    const auto [found, inserted] = names.emplace(EconomyKey(economy.name), &economy);
    if (!inserted) found->second = nullptr;
  }
  for (auto& [key, region] : names) {
    if (region != nullptr) impl.economy_index.emplace(std::move(key), region);
  }
}

}  // namespace tradeshock::reference_internal
