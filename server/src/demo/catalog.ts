import type { AgentStatus, Role } from '../../../protocol/entities';

// The demo workspace's fixed cast. Every name is plainly fictional (示例 / 演示); game titles
// are real products that players of a 卡盟 would buy cards for.

export const TEAM_KINDS = ['general', 'tech', 'payment', 'supplier', 'disputes', 'security', 'senior'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const TEAM_NAMES: Record<TeamKind, string> = {
  general: '综合组',
  tech: '技术支持组',
  payment: '支付财务组',
  supplier: '供应商对接组',
  disputes: '纠纷处理组',
  security: '账户安全组',
  senior: '资深客服组',
};

export interface DemoAgent {
  login: string;
  password: string;
  name: string;
  role: Role;
  teams: readonly TeamKind[];
  status: AgentStatus;
  capacity: number;
}

const AGENT_PASSWORD = 'kadesk-agent';

// Supplier liaison gets the most hands: "not received" and card key cases are most of the volume.
const FRONT_LINE: Array<[readonly TeamKind[], AgentStatus, number]> = [
  [['general'], 'online', 10],
  [['general', 'payment'], 'online', 8],
  [['tech'], 'online', 8],
  [['tech', 'supplier'], 'away', 8],
  [['payment'], 'online', 8],
  [['supplier'], 'online', 10],
  [['supplier'], 'online', 10],
  [['supplier', 'general'], 'offline', 8],
  [['disputes'], 'online', 6],
  [['security'], 'online', 6],
  [['senior', 'disputes'], 'online', 5],
  [['senior', 'security'], 'away', 5],
];

export const DEMO_AGENTS: readonly DemoAgent[] = [
  { login: 'admin', password: 'kadesk-admin', name: '演示管理员', role: 'admin', teams: [], status: 'offline', capacity: 0 },
  { login: 'lead', password: 'kadesk-lead', name: '演示主管', role: 'supervisor', teams: TEAM_KINDS, status: 'online', capacity: 4 },
  ...FRONT_LINE.map(([teams, status, capacity], i): DemoAgent => {
    const nn = String(i + 1).padStart(2, '0');
    return { login: `agent${nn}`, password: AGENT_PASSWORD, name: `演示客服${nn}`, role: 'agent', teams, status, capacity };
  }),
];

/** How an order is fulfilled: card keys handed over, or a direct top-up into the game account. */
export type Delivery = 'card' | 'licence' | 'direct';

export interface Product {
  name: string;
  game: string | null;
  delivery: Delivery;
  priceCents: number;
  suppliers: readonly string[];
}

const S = {
  eastCards: '示例供应商·华东卡源',
  fastTopup: '示例供应商·极速直充',
  cloudChannel: '示例供应商·腾云渠道',
  southStock: '示例供应商·南方卡库',
  licences: '示例供应商·正版授权中心',
};

export const PRODUCTS: readonly Product[] = [
  { name: '王者荣耀 60元点券卡', game: '王者荣耀', delivery: 'card', priceCents: 6000, suppliers: [S.eastCards, S.southStock] },
  { name: '王者荣耀 点券直充 300点', game: '王者荣耀', delivery: 'direct', priceCents: 3000, suppliers: [S.fastTopup] },
  { name: '和平精英 60元点券卡', game: '和平精英', delivery: 'card', priceCents: 6000, suppliers: [S.eastCards, S.cloudChannel] },
  { name: '原神 创世结晶直充 6480', game: '原神', delivery: 'direct', priceCents: 64800, suppliers: [S.fastTopup, S.cloudChannel] },
  { name: '英雄联盟 100元点券卡', game: '英雄联盟', delivery: 'card', priceCents: 10000, suppliers: [S.southStock] },
  { name: '梦幻西游 150元点卡', game: '梦幻西游', delivery: 'card', priceCents: 15000, suppliers: [S.eastCards] },
  { name: '魔兽世界 30天时间卡', game: '魔兽世界', delivery: 'card', priceCents: 7500, suppliers: [S.southStock, S.eastCards] },
  { name: '穿越火线 100元CF点卡', game: '穿越火线', delivery: 'card', priceCents: 10000, suppliers: [S.cloudChannel] },
  { name: '示例手游《星辰幻想》 648元礼包直充', game: '星辰幻想', delivery: 'direct', priceCents: 64800, suppliers: [S.fastTopup] },
  { name: '骏网一卡通 100元', game: null, delivery: 'card', priceCents: 10000, suppliers: [S.eastCards, S.southStock] },
  { name: '网易一卡通 50元', game: null, delivery: 'card', priceCents: 5000, suppliers: [S.eastCards] },
  { name: '话费直充 100元', game: null, delivery: 'direct', priceCents: 9950, suppliers: [S.fastTopup] },
  { name: '演示办公套件 专业版年度授权', game: null, delivery: 'licence', priceCents: 19900, suppliers: [S.licences] },
  { name: '示例杀毒软件 1年授权码', game: null, delivery: 'licence', priceCents: 8800, suppliers: [S.licences] },
  { name: '示例加速器 月卡兑换码', game: null, delivery: 'licence', priceCents: 2500, suppliers: [S.licences, S.cloudChannel] },
];

// Merchant shop names: prefix × suffix gives enough distinct, obviously invented names.
export const MERCHANT_PREFIXES = ['星河', '云帆', '青木', '北辰', '蓝鲸', '橙子', '远山', '白鹭', '金禾', '南风'] as const;
export const MERCHANT_SUFFIXES = ['数码', '游戏', '卡行', '网络', '电竞'] as const;
