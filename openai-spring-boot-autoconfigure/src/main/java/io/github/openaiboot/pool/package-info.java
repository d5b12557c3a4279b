/**
 * Several OpenAI accounts behind one client: the registry of named clients and pools that
 * route each call to the member with the most headroom and fail over between them.
 */
@NullMarked
package io.github.openaiboot.pool;

import org.jspecify.annotations.NullMarked;
