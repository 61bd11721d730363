/**
 * The one JSON adapter (Jackson stays behind {@link dev.vesper.core.json.Json}: strict UTF-8, no duplicate
 * members, bounded depth and numbers) and strict unpadded base64url ({@link dev.vesper.core.json.Base64Url}).
 * Values cross it as plain Java maps, lists, strings, longs and booleans.
 *
 * <pre>{@code
 * Map<String, Object> object = Json.parseObject(bytes);
 * String text = Json.write(object);
 * }</pre>
 */
package dev.vesper.core.json;
