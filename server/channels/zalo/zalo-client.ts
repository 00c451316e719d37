import { consentUrl, exchangeCode, refreshAccessToken, type ZaloTokenPair } from './oauth.js';
import { sendCsMessage, sendGroupMessage } from './send-message.js';
import { uploadFile, uploadImage, type ZaloUpload } from './upload-media.js';
import { getUserDetail, type ZaloUserDetail } from './user-detail.js';
import type { ZaloMessage } from './zalo-message.js';
import { zaloTransport, type ZaloClientOptions } from './zalo-request.js';

/** Zalo's OA API and OAuth v4 with the bases bound. Every failure is a ZaloApiError. */
export interface ZaloClient {
  sendCsMessage(accessToken: string, userId: string, message: ZaloMessage): Promise<{ messageId: string }>;
  sendGroupMessage(accessToken: string, groupId: string, message: ZaloMessage): Promise<{ messageId: string }>;
  uploadImage(accessToken: string, upload: ZaloUpload): Promise<{ attachmentId: string }>;
  uploadFile(accessToken: string, upload: ZaloUpload): Promise<{ token: string }>;
  getUserDetail(accessToken: string, userId: string): Promise<ZaloUserDetail>;
  exchangeCode(input: {
    appId: string;
    appSecret: string;
    code: string;
    codeVerifier?: string;
  }): Promise<ZaloTokenPair>;
  refreshAccessToken(input: { appId: string; appSecret: string; refreshToken: string }): Promise<ZaloTokenPair>;
  consentUrl(input: { appId: string; redirectUri: string; codeChallenge: string; state: string }): string;
}

/** A Zalo client for the given bases (config: ZALO_API_BASE, ZALO_OAUTH_BASE). */
export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const t = zaloTransport(options);
  return {
    sendCsMessage: (accessToken, userId, message) => sendCsMessage(t, accessToken, userId, message),
    sendGroupMessage: (accessToken, groupId, message) => sendGroupMessage(t, accessToken, groupId, message),
    uploadImage: (accessToken, upload) => uploadImage(t, accessToken, upload),
    uploadFile: (accessToken, upload) => uploadFile(t, accessToken, upload),
    getUserDetail: (accessToken, userId) => getUserDetail(t, accessToken, userId),
    exchangeCode: (input) => exchangeCode(t, input),
    refreshAccessToken: (input) => refreshAccessToken(t, input),
    consentUrl: (input) => consentUrl(t, input),
  };
}
