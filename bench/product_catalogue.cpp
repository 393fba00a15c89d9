#include "bench/product_catalogue.h"

#include <array>

namespace kb::bench {

namespace {

constexpr std::array<Product, 30> kGeneral{{
    {"Microsoft 365 and Office", "Outlook"},
    {"Windows", "Windows 11"},
    {"Microsoft 365 and Office", "Subscription, account, billing"},
    {"Microsoft 365 and Office", "Excel"},
    {"Windows", "Windows 10"},
    {"Microsoft 365 and Office", "Teams"},
    {"Microsoft 365 and Office", "OneDrive"},
    {"Microsoft 365 and Office", "Word"},
    {"Microsoft Entra", "Microsoft Entra ID"},
    {"Microsoft Edge", "Browsing and settings"},
    {"Windows", "Windows Update"},
    {"Microsoft 365 and Office", "Install, redeem, activate"},
    {"Microsoft 365 and Office", "PowerPoint"},
    {"Microsoft Authenticator", "Sign-in and verification"},
    {"Windows Server", "Active Directory"},
    {"Microsoft 365 and Office", "SharePoint"},
    {"Microsoft 365 and Office", "OneNote"},
    {"Azure", "Virtual Machines"},
    {"Microsoft 365 and Office", "Access"},
    {"Xbox", "Xbox Series consoles"},
    {"Surface", "Surface Pro"},
    {"Windows", "Windows Security"},
    {"Azure", "App Service"},
    {"Microsoft Intune", "Device enrollment"},
    {"Microsoft 365 and Office", "Exchange Online"},
    {"Microsoft Edge", "Extensions"},
    {"Windows Server", "Remote Desktop Services"},
    {"Azure", "Azure SQL Database"},
    {"Microsoft Store", "Apps and games"},
    {"Microsoft 365 and Office", "Planner"},
}};

constexpr std::array<Product, 10> kSap{{
    {"SAP", "ABAP Development"},
    {"SAP", "SAP NetWeaver"},
    {"SAP", "SAPUI5 and Fiori"},
    {"SAP", "SAP Analytics"},
    {"SAP", "SAP HANA"},
    {"SAP", "SAP Business Warehouse"},
    {"SAP", "SAP 3D Visual Enterprise"},
    {"SAP", "Cross-Application Topics"},
    {"SAP", "SAP Enterprise Portal"},
    {"SAP", "SAP Solution Manager"},
}};

}  // namespace

std::span<const Product> general_products() { return kGeneral; }
std::span<const Product> sap_products() { return kSap; }

}  // namespace kb::bench
