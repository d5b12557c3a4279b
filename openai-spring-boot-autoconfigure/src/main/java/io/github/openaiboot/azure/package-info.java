/**
 * Azure OpenAI: its two API shapes, deployments and Microsoft Entra ID tokens.
 */
@NullMarked
package io.github.openaiboot.azure;

import org.jspecify.annotations.NullMarked;
