/* eslint-env node */
// Builds the add-in into dist/:
//   functions.js + functions.json  custom functions (TOKEN namespace) and their metadata
//   taskpane.html + taskpane.js    the pane, which is also the shared runtime page
//   *.chunk.js                     code the pane loads on demand (the xlsx writer)
//   help.html, assets/             function help and icons
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const webpack = require("webpack");

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    mode: dev ? "development" : "production",
    // Never an eval-based map: the pages' Content-Security-Policy forbids eval.
    devtool: "source-map",
    target: "web",
    entry: {
      functions: "./functions/functions.ts",
      taskpane: "./taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Lazily imported code (e.g. exceljs for the pane's .xlsx export); hashed
      // because Office's webview caches aggressively.
      chunkFilename: "[name].[contenthash:8].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
      // exceljs's "browser" build is self-contained; nothing of Node's is needed in the page.
      fallback: { fs: false, path: false, stream: false, crypto: false, os: false, zlib: false },
    },
    module: {
      // Already a minified, self-contained bundle: parsing it again is slow and finds nothing.
      noParse: /[\\/]exceljs[\\/]dist[\\/]/,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              // Type errors in tests or the CLI must not break the add-in bundle.
              onlyCompileBundledFiles: true,
              // ES modules let webpack split import() into chunks and drop dead code.
              compilerOptions: { module: "es2020", moduleResolution: "node", sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./functions/functions.ts", output: "functions.json" }),
      new MetadataForRuntime12(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./taskpane/taskpane.html",
        // The pane page is the shared runtime: it must also register the functions.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "functions/help.html", to: "help.html" },
          // Linked from the page's head, so the pane is styled from its first paint.
          { from: "taskpane/taskpane.css", to: "taskpane.css" },
        ],
      }),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          // A readable name for the big lazy chunk instead of a numeric id.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: "exceljs", chunks: "async", priority: 10 },
        },
      },
    },
    performance: {
      hints: dev ? false : "warning",
      // Only the two entry scripts load with the page; lazy chunks may be large.
      assetFilter: (file) => /^(functions|taskpane)\.js$/.test(file),
      maxAssetSize: 512 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    devServer: env.WEBPACK_SERVE ? await devServer() : undefined,
  };
};

/**
 * custom-functions-metadata always writes `allowCustomDataForDataTypeAny:
 * true`, a CustomFunctionsRuntime 1.4 feature (data types passed to `any`
 * parameters). The functions read plain values only and the manifest asks
 * for CustomFunctionsRuntime 1.2 (more Excel builds can load it), so the
 * flag is dropped rather than the manifest raised: both say 1.2.
 */
class MetadataForRuntime12 {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("MetadataForRuntime12", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "MetadataForRuntime12", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return;
        const metadata = JSON.parse(asset.source.source().toString());
        delete metadata.allowCustomDataForDataTypeAny;
        compilation.updateAsset("functions.json", new webpack.sources.RawSource(JSON.stringify(metadata, null, 4)));
      });
    });
  }
}

/** Office loads add-ins only over HTTPS; the dev certificates are needed by `webpack serve` alone. */
async function devServer() {
  const { getHttpsServerOptions } = require("office-addin-dev-certs");
  return {
    port: DEV_PORT,
    headers: { "Access-Control-Allow-Origin": "*" },
    server: { type: "https", options: await getHttpsServerOptions() },
    hot: false,
    client: { overlay: false },
  };
}
