// ListContents (tradeshock/trade_table.h): the distinct codes a table's rows use.
#include <algorithm>
#include <set>

#include "tradeshock/trade_table.h"

namespace tradeshock {
namespace {

template <typename Id>
std::vector<std::string> Distinct(std::span<const Id> column, const Dictionary& dictionary) {
  std::vector<bool> seen(dictionary.size(), false);
  for (const Id id : column) seen[id] = true;
  std::vector<std::string> codes;
  for (std::size_t id = 0; id < seen.size(); ++id) {
    if (seen[id]) codes.push_back(dictionary[static_cast<std::uint32_t>(id)]);
  }
  std::ranges::sort(codes);
  return codes;
}

}  // namespace

TableContents ListContents(const TradeTable& table) {
  TableContents contents;
  contents.reporters = Distinct(table.reporter(), table.economies());
  contents.partners = Distinct(table.partner(), table.economies());
  contents.products = Distinct(table.product(), table.products());
  contents.currencies = Distinct(table.currency(), table.currencies());
  std::vector<bool> seen(table.periods().size(), false);
  for (const PeriodIdx id : table.period()) seen[id] = true;
  for (std::size_t id = 0; id < seen.size(); ++id) {
    if (seen[id]) contents.periods.push_back(table.periods()[id]);
  }
  std::ranges::sort(contents.periods);
  std::set<std::string> flows;
  for (const Flow flow : table.flow()) flows.insert(std::string(ToString(flow)));
  contents.flows.assign(flows.begin(), flows.end());
  return contents;
}

}  // namespace tradeshock
