#pragma once
#include <stdexcept>

#include "http.hpp"

http::Response route(const http::Request& req);
