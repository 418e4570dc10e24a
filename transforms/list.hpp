// Each transform's accessor; defined in transforms/<id>.cpp.
#pragma once

#include "rewrite/transform.hpp"

namespace dfopt::transforms {

const Transform& apt_clean_lists();
const Transform& apt_no_install_recommends();
const Transform& maintainer_to_label();

}  // namespace dfopt::transforms
