// ProductCatalogue: the fixed list of two-level product breadcrumbs synthetic threads are filed
// under ("Microsoft 365 and Office" / "Outlook"), in popularity order, SAP areas apart, since the
// SAP Community sentences read as SAP questions.
#pragma once

#include <span>
#include <string_view>

namespace kb::bench {

struct Product {
    std::string_view area;  // breadcrumb level 1
    std::string_view name;  // breadcrumb level 2: what `product:"..."` names in a query
};

// Most popular first; a thread's product is drawn with Zipf weights over this order.
std::span<const Product> general_products();
std::span<const Product> sap_products();

}  // namespace kb::bench
